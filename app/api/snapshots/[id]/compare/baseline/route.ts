import { snapshotIdSchema } from '@/lib/api/snapshots';
import { clearBaseline, getBaseline, getSnapshot, listTimeline, markBaseline } from '@/lib/db';
import { handle, parseParams, toSnapshotJson } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/** GET /api/snapshots/:id/compare/baseline — the snapshot's cluster timeline and its baseline. */
export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const snapshot = await getSnapshot(id);
  const [baseline, timeline] = await Promise.all([getBaseline(snapshot.cluster), listTimeline(snapshot.cluster)]);
  return Response.json({ cluster: snapshot.cluster, baseline: baseline ? toSnapshotJson(baseline) : null, timeline: timeline.map(toSnapshotJson) });
});

/** PUT — mark this snapshot as its cluster's baseline (the previous baseline is unmarked). */
export const PUT = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  return Response.json({ baseline: toSnapshotJson(await markBaseline(id)) });
});

/** DELETE — unmark it. */
export const DELETE = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  return Response.json({ snapshot: toSnapshotJson(await clearBaseline(id)) });
});
