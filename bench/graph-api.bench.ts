/**
 * Graph API time for 5,000 workloads / 50,000 observed edges (issue 7 target: <= 500 ms): what
 * GET /api/snapshots/:id/graph does after reading the snapshot — build the evaluator, classify, filter and
 * aggregate. Prints the median of several runs, with the phases, as plain lines for docs/BENCHMARKS.md.
 * The route caches classifications per (snapshot version, window), so "warm" is what most UI requests cost.
 */
import { cpus, loadavg } from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { buildGraphView, classifyGraph } from '../lib/graph';
import { buildInventory } from '../lib/inventory';
import { createEvaluator } from '../lib/policy';
import { generateGraphBenchData } from './graph-data';

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const data = generateGraphBenchData(100, 50);
const inventory = buildInventory(data.objects).value;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const phases = { evaluator: [] as number[], classify: [] as number[], view: [] as number[], total: [] as number[], cpu: [] as number[], gc: [] as number[] };
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
let last: ReturnType<typeof classifyGraph> | null = null;
let lastView: ReturnType<typeof buildGraphView> | null = null;

for (let run = 0; run < RUNS; run++) {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 0)); // let the observer drain entries of the previous run
  const gc0 = gcMs;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const evaluator = createEvaluator(inventory, data.objects).value;
  const t1 = performance.now();
  const graph = classifyGraph({ inventory, evaluator, edges: data.edges });
  const t2 = performance.now();
  // The page's first request: the default view (namespaces collapse above the threshold) and a typical filter.
  lastView = buildGraphView(graph, {});
  buildGraphView(graph, { classes: ['unauthorized'], hideInfra: true, namespaces: ['team-007'] }, { expand: ['team-007'] });
  const t3 = performance.now();
  phases.evaluator.push(t1 - t0);
  phases.classify.push(t2 - t1);
  phases.view.push(t3 - t2);
  phases.total.push(t3 - t0);
  // CPU time of this process: what the same work costs on an idle core when the machine is shared.
  phases.cpu.push(cpuMs(process.cpuUsage(c0)));
  await new Promise((r) => setTimeout(r, 0));
  phases.gc.push(gcMs - gc0);
  last = graph;
}

const s = last!.summary;
console.log(`input: ${inventory.workloads.length} workloads, ${data.edges.length} observed edges, ${data.objects.filter((o) => o.kind === 'NetworkPolicy').length} NetworkPolicies`);
console.log(`output: ${s.edges} edges (${s.allowed} allowed, ${s.denied} denied, ${s.unprotected} unprotected, ${s.unused} unused), ${s.nodes} nodes, ${s.unusedRules + s.danglingRules} unused rules; default view ${lastView!.nodes.length} nodes + ${lastView!.collapsed.length} collapsed namespaces, ${lastView!.edges.length} edges + ${lastView!.summaryEdges.length} summary edges`);
console.log(`graph API, cold (a snapshot/window not classified yet; median of ${RUNS}): ${median(phases.total).toFixed(0)} ms wall, ${median(phases.cpu).toFixed(0)} ms CPU = evaluator ${median(phases.evaluator).toFixed(0)} ms + classify ${median(phases.classify).toFixed(0)} ms + filter/aggregate ${median(phases.view).toFixed(0)} ms, of which garbage collection ${median(phases.gc).toFixed(0)} ms (target <= 500 ms)`);
console.log(`graph API, warm (filter/expand/search on the cached classification): ${(median(phases.view) / 2).toFixed(0)} ms per request`);
console.log(`load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (wall times inflate with load)`);
