import { detailWindow, graphDetailQuerySchema, searchParamsToObject } from '@/lib/graph';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { explainGraphEdge, handle, HttpError, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/snapshots/:id/graph/edge?id=<source|destination|port|protocol>&from&to
 * One edge of the classified graph with its full explanation: per enforcing layer the outcome, its basis, the
 * deciding rules and the direction reasons, plus the pod pairs evaluated.
 */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const q = graphDetailQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  const edge = await explainGraphEdge(id, detailWindow(q), q.id);
  if (!edge) throw new HttpError('not-found', `The graph of this snapshot and window has no edge ${q.id}`);
  return Response.json({ edge });
});
