import { defaultGraphResponse, getSnapshot, loadDefaultGraphView, loadGraphClassification, loadObservedEdges, loadSnapshotEngine, loadSnapshotEvaluator, refreshGraphClassification, type SnapshotEngine, type SnapshotEvaluator, type StoredClassification } from '@/lib/db';
import type { SelectingPolicy } from '@/lib/model/verdict';
import { listPolicySources } from '@/lib/db/policy-yaml';
import { policySourceKey, type GraphRulesJson } from '@/lib/api/graph-rules';
import { buildEndpointIndex, classificationKey, classifyGraph, compactGraph, explainEdges, LruCache, parseEdgeId, policiesSelectingWorkload, type ClassifiedEdge, type EndpointIndex, type TimeWindow } from '@/lib/graph';

/**
 * The graph API's view of a snapshot's classification, in three tiers: this process's memory (filter, expand and
 * search requests), the stored classification of the default window (table GraphClassification, written after
 * each import), and classifying from the snapshot's content (other windows, or a miss). Explanations are not part
 * of the graph: `explainGraphEdge` computes one edge's on demand.
 */
const classified = new LruCache<StoredClassification>(4);
/** The last snapshot loaded whole (traffic included), for classifying windows other than the default. */
const engines = new LruCache<Promise<SnapshotEngine>>(1);
/**
 * Inventories, policies and evaluators without the traffic, for explanations: a click on an edge evaluates that
 * edge with its own rows, read by index.
 */
const evaluators = new LruCache<Promise<SnapshotEvaluator & { index: EndpointIndex }>>(2);

const isDefaultWindow = (w: TimeWindow) => !w.from && !w.to;
const defaultJson = new WeakMap<StoredClassification, string>();

/** A cached load; a failed one does not stay cached (the next request tries again). */
function cached<T>(cache: LruCache<Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

const engineFor = (snapshotId: string, version: Date) => cached(engines, `${snapshotId}|${version.toISOString()}`, () => loadSnapshotEngine(snapshotId));
const evaluatorFor = (snapshotId: string, version: Date) =>
  cached(evaluators, `${snapshotId}|${version.toISOString()}`, async () => {
    const e = await loadSnapshotEvaluator(snapshotId);
    return { ...e, index: buildEndpointIndex(e.inventory) };
  });

/** The compact classified graph of one snapshot and window, with the evaluator's diagnostics. */
export async function getClassifiedGraph(snapshotId: string, window: TimeWindow): Promise<StoredClassification> {
  return classifiedAt(snapshotId, (await getSnapshot(snapshotId)).updatedAt, window);
}

/** `getClassifiedGraph` for a version the caller has already read. */
async function classifiedAt(snapshotId: string, version: Date, window: TimeWindow): Promise<StoredClassification> {
  const key = classificationKey(snapshotId, version.toISOString(), window);
  const hit = classified.get(key);
  if (hit) return hit;
  let entry: StoredClassification | null = null;
  if (isDefaultWindow(window)) {
    entry = await loadGraphClassification(snapshotId, version);
    if (!entry) {
      const computed = await refreshGraphClassification(snapshotId);
      entry = { graph: computed.graph, diagnostics: computed.diagnostics };
    }
  } else {
    const engine = await engineFor(snapshotId, version);
    const full = classifyGraph({ inventory: engine.inventory, evaluator: engine.evaluator, edges: engine.edges, window, diagnostics: engine.diagnostics });
    entry = { graph: compactGraph(full), diagnostics: engine.diagnostics };
  }
  classified.set(key, entry);
  return entry;
}

/**
 * The graph API's answer to a request without query (the page's first load) as JSON text: from memory when this
 * process has the classification, else the stored answer, read without parsing the stored graph (a 50,000-edge
 * graph costs about a second of CPU to parse; its collapsed default view a few milliseconds to send).
 */
export async function defaultGraphJson(snapshotId: string): Promise<string> {
  const { updatedAt: version } = await getSnapshot(snapshotId);
  const hit = classified.get(classificationKey(snapshotId, version.toISOString(), {}));
  // Serialised once per classification: the first load is the most frequent request.
  if (hit) {
    let json = defaultJson.get(hit);
    if (json === undefined) defaultJson.set(hit, (json = JSON.stringify(defaultGraphResponse(hit))));
    return json;
  }
  const stored = await loadDefaultGraphView(snapshotId, version);
  if (stored === null) return JSON.stringify(defaultGraphResponse(await classifiedAt(snapshotId, version, {})));
  // The next requests (a filter, an expanded namespace, a click) need the graph and the evaluator: load them while the user looks.
  setTimeout(() => {
    void classifiedAt(snapshotId, version, {}).catch(() => undefined);
    void evaluatorFor(snapshotId, version).catch(() => undefined);
  }, 0);
  return stored;
}

/**
 * One edge of the graph with its full explanation (per layer, deciding rules, pod pairs), `null` when the graph of
 * that window has no such edge. Evaluated alone, on the edge's own rows and the cached evaluator.
 */
export async function explainGraphEdge(snapshotId: string, window: TimeWindow, edgeId: string): Promise<ClassifiedEdge | null> {
  const { updatedAt: version } = await getSnapshot(snapshotId);
  const { graph } = await classifiedAt(snapshotId, version, window);
  const key = parseEdgeId(edgeId);
  if (!key || !graph.edges.some((e) => e.id === edgeId)) return null;
  const [e, edges] = await Promise.all([evaluatorFor(snapshotId, version), loadObservedEdges(snapshotId, key)]);
  return explainEdges({ inventory: e.inventory, evaluator: e.evaluator, edges, window, diagnostics: e.diagnostics, index: e.index }, [edgeId])[0] ?? null;
}

/**
 * The policies selecting a node, read from the policies themselves (lib/graph policiesSelectingWorkload over the
 * workload's pods): independent of traffic, so a policy that decides none of its edges is listed too. The window
 * only decides whether the node exists (`null` when that window's graph has no such node); a node without pods
 * (world, an address, a node) is selected by nothing.
 */
export async function graphNodePolicies(snapshotId: string, window: TimeWindow, nodeId: string): Promise<SelectingPolicy[] | null> {
  const { updatedAt: version } = await getSnapshot(snapshotId);
  const [{ graph }, e] = await Promise.all([classifiedAt(snapshotId, version, window), evaluatorFor(snapshotId, version)]);
  if (!graph.nodes.some((n) => n.id === nodeId)) return null;
  return policiesSelectingWorkload(e.evaluator, e.index.podsByWorkload.get(nodeId) ?? []);
}

/**
 * The rule side of one window's classification, kept out of every graph view (for a large snapshot it is most of
 * the bytes, and it does not change with the filters): the rules no traffic in the window used (dangling ones
 * first), the wildcard rules with their usage, the evaluator's diagnostics on the snapshot's policies, and the
 * file and line of each policy (the first row of an object imported twice, as the rule-yaml route shows it).
 */
export async function graphRules(snapshotId: string, window: TimeWindow): Promise<GraphRulesJson> {
  const [{ graph, diagnostics }, sources] = await Promise.all([getClassifiedGraph(snapshotId, window), listPolicySources(snapshotId)]);
  const policySources: GraphRulesJson['policySources'] = {};
  for (const p of sources) policySources[policySourceKey(p)] ??= { file: p.sourceFile, line: p.sourceLine };
  return { unusedRules: graph.unusedRules, wildcardRules: graph.wildcardRules, diagnostics, policySources };
}
