import { buildGraphView, classificationKey, classifyGraph, graphQuerySchema, LruCache, searchParamsToObject, toGraphRequest, type ClassifiedGraph } from '@/lib/graph';
import { getSnapshot, isDbError, loadSnapshotContent } from '@/lib/db';
import type { Diagnostic } from '@/lib/model';
import { createEvaluator } from '@/lib/policy';

/** Engine work is CPU-bound and reads the database: never prerender, always Node. */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const DB_STATUS = { 'not-found': 404, conflict: 409, unavailable: 503, invalid: 400 } as const;

/** Classifications of recent (snapshot version, window) pairs: filter and expand requests skip the database and the engine. */
const classified = new LruCache<{ graph: ClassifiedGraph; diagnostics: Diagnostic[] }>(4);

async function classifySnapshot(id: string, window: { from?: string; to?: string }) {
  const snapshot = await getSnapshot(id);
  const key = classificationKey(id, snapshot.updatedAt.toISOString(), window);
  let entry = classified.get(key);
  if (!entry) {
    const content = await loadSnapshotContent(id);
    const evaluator = createEvaluator(content.inventory, content.objects);
    entry = { graph: classifyGraph({ inventory: content.inventory, evaluator: evaluator.value, edges: content.edges, window, diagnostics: evaluator.diagnostics }), diagnostics: evaluator.diagnostics };
    classified.set(key, entry);
  }
  return entry;
}

/**
 * GET /api/snapshots/:id/graph?from&to&ns&class&state&port&protocol&method&path&q&hideInfra&collapseAbove&expand&collapse
 * The classified graph of one snapshot for one time window, filtered and aggregated on the server
 * (namespaces collapse into summaries above `collapseAbove` visible nodes).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const query = graphQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: 'invalid query', issues: query.error.issues }, { status: 400 });
  const { window, filters, view } = toGraphRequest(query.data);
  try {
    const { graph, diagnostics } = await classifySnapshot((await params).id, window);
    return Response.json({ ...buildGraphView(graph, filters, view), diagnostics });
  } catch (e) {
    if (isDbError(e)) return Response.json({ error: e.message }, { status: DB_STATUS[e.code] });
    throw e;
  }
}
