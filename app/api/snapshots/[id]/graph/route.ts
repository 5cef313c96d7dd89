import { buildGraphView, graphQuerySchema, searchParamsToObject, toGraphRequest } from '@/lib/graph';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { defaultGraphJson, getClassifiedGraph, handle, parseParams } from '@/lib/server';

/** Engine work is CPU-bound and reads the database: never prerender, always Node. */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/snapshots/:id/graph?from&to&ns&class&state&port&protocol&method&path&q&hideInfra&collapseAbove&expand&collapse
 * The classified graph of one snapshot for one time window, filtered and aggregated on the server
 * (namespaces collapse into summaries above `collapseAbove` visible nodes): only what the canvas draws, the
 * legend's counts and the window. Edges carry their class, summary and deciding rules; the per-layer explanation
 * of one edge is at `graph/edge?id=`, the unused and wildcard rules and the policies' diagnostics at `graph/rules`.
 */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const searchParams = new URL(request.url).searchParams;
  // The page's first load: answered from the stored default view when this process has not classified it yet.
  if (searchParams.size === 0) return new Response(await defaultGraphJson(id), { headers: { 'content-type': 'application/json' } });
  const { window, filters, view } = toGraphRequest(graphQuerySchema.parse(searchParamsToObject(searchParams)));
  const { graph } = await getClassifiedGraph(id, window);
  return Response.json(buildGraphView(graph, filters, view));
});
