import { crownJewelTagSchema } from '@/lib/api/blast-radius';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { listCrownJewels, tagCrownJewel, untagCrownJewel } from '@/lib/db';
import { handle, parseJsonBody, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** GET /api/snapshots/:id/crown-jewels — the user's crown-jewel tags of a snapshot. */
export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  return Response.json({ tags: await listCrownJewels(id) });
});

/** POST — tag a workload or namespace as a crown jewel (idempotent). */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const tag = await parseJsonBody(request, crownJewelTagSchema);
  await tagCrownJewel(id, tag);
  return Response.json({ tags: await listCrownJewels(id) }, { status: 201 });
});

/** DELETE — remove a tag (body: targetKind, target). */
export const DELETE = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const tag = await parseJsonBody(request, crownJewelTagSchema);
  await untagCrownJewel(id, tag);
  return Response.json({ tags: await listCrownJewels(id) });
});
