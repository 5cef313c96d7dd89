import { createSnapshotSchema } from '@/lib/api/snapshots';
import { createSnapshot, listSnapshotsWithCounts } from '@/lib/db';
import { handle, parseJsonBody, toSnapshotJson, toSnapshotWithCountsJson } from '@/lib/server';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => {
  const snapshots = await listSnapshotsWithCounts();
  return Response.json({ snapshots: snapshots.map(toSnapshotWithCountsJson) });
});

export const POST = handle(async (request: Request) => {
  const input = await parseJsonBody(request, createSnapshotSchema);
  const snapshot = await createSnapshot(input);
  return Response.json(toSnapshotJson(snapshot), { status: 201, headers: { Location: `/api/snapshots/${snapshot.id}` } });
});
