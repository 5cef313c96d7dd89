import { snapshotIdSchema } from '@/lib/api/snapshots';
import { deleteSnapshot, getSnapshotWithCounts } from '@/lib/db';
import { handle, parseParams, toSnapshotWithCountsJson } from '@/lib/server';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  return Response.json(toSnapshotWithCountsJson(await getSnapshotWithCounts(id)));
});

export const DELETE = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  await deleteSnapshot(id);
  return new Response(null, { status: 204 });
});
