/**
 * Blast radius over a synthetic graph: 5,000 workloads and 100,000 allowed edges (issue 8 targets:
 * single source ≤ 200 ms; the ranked list of all 5,000 workloads is recorded).
 */
import { computeBlastRadius, rankRiskiestWorkloads, toAdjacency, type ReachEdge } from '../lib/graph';
import { mulberry32 } from '../lib/util/seeded-random';

const WORKLOADS = 5_000;
const EDGES = 100_000;

// Deterministic pseudo-random numbers so every run measures the same graph.
const random = mulberry32;

const rnd = random(42);
const names = Array.from({ length: WORKLOADS }, (_, i) => `ns-${i % 100}/workload-${i}`);
const edges: ReachEdge[] = [];
for (let i = 0; i < EDGES; i++) {
  const s = Math.floor(rnd() * WORKLOADS);
  let d = Math.floor(rnd() * WORKLOADS);
  if (d === s) d = (d + 1) % WORKLOADS;
  edges.push({ source: names[s]!, destination: names[d]!, port: 8080 + (i % 3), protocol: 'TCP' });
}

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
};

const [adjacency, buildMs] = time(() => toAdjacency(edges));
const singles: number[] = [];
for (let i = 0; i < 20; i++) singles.push(time(() => computeBlastRadius(adjacency, [names[i * 97]!]))[1]);
singles.sort((a, b) => a - b);
const [ranked, rankMs] = time(() => rankRiskiestWorkloads(adjacency, names, { limit: 10 }));

console.log(`graph: ${WORKLOADS} workloads, ${EDGES} edges; adjacency built in ${buildMs.toFixed(1)} ms`);
console.log(`single-source blast radius: median ${singles[10]!.toFixed(1)} ms, max ${singles.at(-1)!.toFixed(1)} ms (target ≤ 200 ms)`);
console.log(`ranked riskiest list over all ${WORKLOADS} workloads: ${(rankMs / 1000).toFixed(2)} s (top reaches ${ranked[0]?.reachable})`);
console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
