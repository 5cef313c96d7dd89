import { detailWindow, graphDetailQuerySchema, searchParamsToObject } from '@/lib/graph';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { graphNodePolicies, handle, HttpError, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/snapshots/:id/graph/node?id=<endpoint>&from&to -> `{ policies: SelectingPolicy[] }`
 * What the node panel needs beyond the graph: the policies selecting the workload on every layer, with the
 * directions each one governs and isolates, read from the policies' selectors (not from its edges). The window only
 * decides whether the node exists (404 otherwise).
 */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const q = graphDetailQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  const policies = await graphNodePolicies(id, detailWindow(q), q.id);
  if (!policies) throw new HttpError('not-found', `The graph of this snapshot and window has no node ${q.id}`);
  return Response.json({ policies });
});
