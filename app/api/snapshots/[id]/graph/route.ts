import { buildGraphView, classificationKey, classifyGraph, graphQuerySchema, LruCache, searchParamsToObject, toGraphRequest, type ClassifiedGraph } from '@/lib/graph';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { getSnapshot } from '@/lib/db';
import type { Diagnostic } from '@/lib/model';
import { handle, loadSnapshotEngine, parseParams } from '@/lib/server';

/** Engine work is CPU-bound and reads the database: never prerender, always Node. */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Classifications of recent (snapshot version, window) pairs: filter and expand requests skip the database and the engine. */
const classified = new LruCache<{ graph: ClassifiedGraph; diagnostics: Diagnostic[] }>(4);

async function classifySnapshot(id: string, window: { from?: string; to?: string }) {
  const snapshot = await getSnapshot(id);
  const key = classificationKey(id, snapshot.updatedAt.toISOString(), window);
  let entry = classified.get(key);
  if (!entry) {
    const engine = await loadSnapshotEngine(id);
    entry = { graph: classifyGraph({ inventory: engine.inventory, evaluator: engine.evaluator, edges: engine.edges, window, diagnostics: engine.diagnostics }), diagnostics: engine.diagnostics };
    classified.set(key, entry);
  }
  return entry;
}

/**
 * GET /api/snapshots/:id/graph?from&to&ns&class&state&port&protocol&method&path&q&hideInfra&collapseAbove&expand&collapse
 * The classified graph of one snapshot for one time window, filtered and aggregated on the server
 * (namespaces collapse into summaries above `collapseAbove` visible nodes).
 */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const { window, filters, view } = toGraphRequest(graphQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams)));
  const { graph, diagnostics } = await classifySnapshot(id, window);
  return Response.json({ ...buildGraphView(graph, filters, view), diagnostics });
});
