import { buildGraphView, classifyGraph, graphQuerySchema, searchParamsToObject, toGraphRequest } from '@/lib/graph';
import { isDbError, loadSnapshotContent } from '@/lib/db';
import { createEvaluator } from '@/lib/policy';

/** Engine work is CPU-bound and reads the database: never prerender, always Node. */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const DB_STATUS = { 'not-found': 404, conflict: 409, unavailable: 503, invalid: 400 } as const;

/**
 * GET /api/snapshots/:id/graph?from&to&ns&class&state&port&protocol&method&path&q&hideInfra&collapseAbove&expand
 * The classified graph of one snapshot for one time window, filtered and aggregated on the server
 * (namespaces collapse into summaries above `collapseAbove` visible nodes).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const query = graphQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: 'invalid query', issues: query.error.issues }, { status: 400 });
  const { window, filters, view } = toGraphRequest(query.data);
  try {
    const { id } = await params;
    const content = await loadSnapshotContent(id);
    const evaluator = createEvaluator(content.inventory, content.objects);
    const graph = classifyGraph({ inventory: content.inventory, evaluator: evaluator.value, edges: content.edges, window });
    return Response.json({ ...buildGraphView(graph, filters, view), diagnostics: evaluator.diagnostics });
  } catch (e) {
    if (isDbError(e)) return Response.json({ error: e.message }, { status: DB_STATUS[e.code] });
    throw e;
  }
}
