/**
 * Graph API time for 5,000 workloads / 50,000 observed edges (issue 7 target: <= 500 ms), against PostgreSQL:
 * - after an import, `importFiles` classifies the snapshot once and stores it (refreshGraphClassification);
 * - the page's first request (no query) on a server that has not seen the snapshot yet reads the stored default
 *   view; any other query, cold, reads and parses the stored classification, filters, collapses and serialises;
 * - warm requests (filter, expand) reuse the parsed classification;
 * - a click on an edge explains that one edge (loading the snapshot's evaluator the first time);
 * - `graph/rules` (unused and wildcard rules, diagnostics: not part of any view) on the parsed classification.
 * Prints medians and phases, and the bytes of the default and a filtered view per field, as plain lines for
 * docs/BENCHMARKS.md.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSnapshot, disconnectPrisma, getPrisma, getSnapshot, loadDefaultGraphView, loadGraphClassification, loadObservedEdges, loadSnapshotEvaluator, refreshGraphClassification, saveSnapshotContent } from '../lib/db';
import { buildEndpointIndex, buildGraphView, explainEdge, parseEdgeId } from '../lib/graph';
import { buildInventory, isInventoryKind } from '../lib/inventory';
import { createBenchDatabase } from './bench-database';
import { generateGraphBenchData } from './graph-data';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
/** What a JSON answer is made of: the bytes of each top-level field, largest first. */
const bytesByField = (json: string) =>
  Object.entries(JSON.parse(json) as Record<string, unknown>)
    .map(([k, v]) => [k, Buffer.byteLength(JSON.stringify(v))] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${kib(n)}`)
    .join(', ');

const db = await createBenchDatabase(process.env.BENCH_GRAPH_DB ?? 'eastwest_bench_graph_api');
process.env.DATABASE_URL = db.url;
try {
  const data = generateGraphBenchData(100, 50);
  const inventory = buildInventory(data.objects.filter((o) => isInventoryKind(o.kind))).value;
  const snapshot = await createSnapshot({ name: 'graph api bench', cluster: 'bench', environment: 'bench' });
  await saveSnapshotContent(snapshot.id, { inventory, policies: data.objects.filter((o) => !isInventoryKind(o.kind)), edges: data.edges });
  console.log(`input: ${inventory.workloads.length} workloads, ${data.edges.length} observed edges, ${data.objects.filter((o) => o.kind === 'NetworkPolicy').length} NetworkPolicies`);

  // Import time: load the snapshot, build the evaluator, classify, store.
  const t0 = performance.now();
  const computed = await refreshGraphClassification(snapshot.id);
  const importMs = performance.now() - t0;
  const s = computed.graph.summary;
  const bytes = (await getPrisma().graphClassification.findUniqueOrThrow({ where: { snapshotId: snapshot.id } })).graph.byteLength;
  console.log(`output: ${s.edges} edges (${s.allowed} allowed, ${s.denied} denied, ${s.unprotected} unprotected, ${s.unused} unused), ${s.nodes} nodes; stored ${(bytes / 2 ** 20).toFixed(1)} MiB gzip'd`);
  console.log(`after an import, classifying and storing: ${ms(importMs)} (once per import, not per request)`);

  const version = (await getSnapshot(snapshot.id)).updatedAt;
  const first: number[] = [];
  const firstCpu: number[] = [];
  let firstJson = '';
  for (let run = 0; run < RUNS; run++) {
    const c0 = process.cpuUsage();
    const a = performance.now();
    firstJson = (await loadDefaultGraphView(snapshot.id, version))!;
    first.push(performance.now() - a);
    firstCpu.push(cpuMs(process.cpuUsage(c0)));
  }
  console.log(`graph API, the page's first load (no query; stored default view, nothing in memory; median of ${RUNS}): ${ms(median(first))} wall, ${ms(median(firstCpu))} CPU, ${kib(Buffer.byteLength(firstJson))} (target <= 500 ms)`);
  console.log(`  default view by field: ${bytesByField(firstJson)}`);
  const phases = { load: [] as number[], view: [] as number[], json: [] as number[], total: [] as number[], cpu: [] as number[] };
  let viewSize = 0;
  let graph = computed.graph;
  for (let run = 0; run < RUNS; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = process.cpuUsage();
    const a = performance.now();
    const stored = (await loadGraphClassification(snapshot.id, version))!;
    const b = performance.now();
    const view = buildGraphView(stored.graph, {});
    const c = performance.now();
    viewSize = JSON.stringify(view).length;
    const d = performance.now();
    phases.load.push(b - a);
    phases.view.push(c - b);
    phases.json.push(d - c);
    phases.total.push(d - a);
    // CPU time of this process: what the same work costs on an idle core when the machine is shared.
    phases.cpu.push(cpuMs(process.cpuUsage(c0)));
    graph = stored.graph;
  }
  console.log(
    `graph API, any other query, cold (nothing in the server's memory; median of ${RUNS}): ${ms(median(phases.total))} wall, ${ms(median(phases.cpu))} CPU = read + inflate + parse the stored classification ${ms(median(phases.load))} + filter/collapse ${ms(median(phases.view))} + JSON ${ms(median(phases.json))} (${(viewSize / 1024).toFixed(0)} KiB)`,
  );

  const warm: number[] = [];
  let warmJson = '';
  for (let run = 0; run < RUNS; run++) {
    const a = performance.now();
    const view = buildGraphView(graph, { classes: ['unauthorized'], hideInfra: true, namespaces: ['team-007'] }, { expand: ['team-007'] });
    warmJson = JSON.stringify(view);
    warm.push(performance.now() - a);
  }
  console.log(`graph API, warm (filter + expand on the parsed classification): ${ms(median(warm))} per request, ${kib(Buffer.byteLength(warmJson))}: ${bytesByField(warmJson)}`);

  // As GET graph/rules does it once the classification is in memory (the first load prefetches it).
  const rules: number[] = [];
  let rulesJson = '';
  for (let run = 0; run < RUNS; run++) {
    const a = performance.now();
    rulesJson = JSON.stringify({ unusedRules: graph.unusedRules, wildcardRules: graph.wildcardRules, diagnostics: computed.diagnostics });
    rules.push(performance.now() - a);
  }
  console.log(`graph rules (graph/rules, warm): ${ms(median(rules))}, ${kib(Buffer.byteLength(rulesJson))}: ${bytesByField(rulesJson)}`);

  // As GET graph/edge does it: the evaluator without the traffic (cached after the first click), the edge's own rows.
  const explainOne = async (id: string, e: Awaited<ReturnType<typeof loadSnapshotEvaluator>>, index: ReturnType<typeof buildEndpointIndex>) => {
    const key = parseEdgeId(id)!;
    const edges = await loadObservedEdges(snapshot.id, key);
    return explainEdge({ ...e, edges, index }, id);
  };
  const e0 = performance.now();
  const evaluator = await loadSnapshotEvaluator(snapshot.id);
  const index = buildEndpointIndex(evaluator.inventory);
  const e1 = performance.now();
  await explainOne(graph.edges[Math.floor(graph.edges.length / 2)]!.id, evaluator, index);
  const e2 = performance.now();
  const again: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const a = performance.now();
    await explainOne(graph.edges[(run * 7919) % graph.edges.length]!.id, evaluator, index);
    again.push(performance.now() - a);
  }
  console.log(`edge explanation: first click ${ms(e2 - e0)} (loading inventory, policies and evaluator ${ms(e1 - e0)}; the first load prefetches them), next clicks ${ms(median(again))}`);
  console.log(`load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (wall times inflate with load)`);
} finally {
  await disconnectPrisma().catch(() => undefined);
  await db.drop();
}
