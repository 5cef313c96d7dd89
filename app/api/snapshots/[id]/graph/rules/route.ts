import { detailWindow, graphWindowQuerySchema, searchParamsToObject } from '@/lib/graph';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { graphRules, handle, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/snapshots/:id/graph/rules?from&to -> `GraphRulesJson` (`{ unusedRules, wildcardRules, diagnostics, policySources }`)
 * The rule side of the window's classification, kept out of the graph views: every allow rule no traffic in the
 * window matched (dangling ones first, with the reason and when it last matched), every rule whose peer is
 * "anything" with the workloads it protects and how many observed edges it allowed, the evaluator's
 * diagnostics on the snapshot's policies, and the file and line each policy was read from. The counts are in
 * every view's `summary`; the explorer's Rules view shows the lists.
 */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const q = graphWindowQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  return Response.json(await graphRules(id, detailWindow(q)));
});
