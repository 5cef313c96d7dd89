/**
 * Full reachability matrix on the network layer: 2,000 pods in 200 namespaces, 500 NetworkPolicies
 * (+ ANP/BANP), 3 ports per pod = 6,000 targets x 2,000 sources = 12 M pairs. Target: under 2 s.
 * Prints figures only (not a test). Run: `npx tsx bench/netpol-matrix.bench.ts` or `npm run bench netpol`.
 */
import { buildInventory } from '../lib/inventory';
import { computeMatrix, createEvaluator } from '../lib/policy';
import { generateMatrixInput } from './netpol-matrix-data';

const size = { namespaces: 200, podsPerNamespace: 10, policies: 500 };
const objects = generateMatrixInput(size);

const t0 = performance.now();
const inventory = buildInventory(objects).value;
const built = createEvaluator(inventory, objects);
const t1 = performance.now();
const matrix = computeMatrix(inventory, built.value);
const t2 = performance.now();
let allowed = 0;
for (let s = 0; s < matrix.pods.length; s++) for (let t = 0; t < matrix.targets.length; t++) if (matrix.isAllowed(s, t)) allowed++;
const t3 = performance.now();
const pairs = matrix.pods.length * matrix.targets.length;

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`pods ${matrix.pods.length}, namespaces ${size.namespaces}, policies ${size.policies} (+3 ANP/BANP), targets ${matrix.targets.length}, pairs ${(pairs / 1e6).toFixed(1)} M`);
console.log(`inventory + policy model: ${fmt(t1 - t0)}`);
console.log(`matrix (network layer, all pairs): ${fmt(t2 - t1)}`);
console.log(`reading every cell: ${fmt(t3 - t2)} (${allowed} allowed, ${pairs - allowed} denied)`);
console.log(`total: ${fmt(t3 - t0)} (target < 2 s)`);
console.log(`peak RSS: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
