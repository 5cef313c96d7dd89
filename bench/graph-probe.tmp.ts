import { performance } from 'node:perf_hooks';
import { buildEndpointIndex, collapseObservedEdges, evaluateEdge } from '../lib/graph';
import { buildInventory } from '../lib/inventory';
import { createEvaluator } from '../lib/policy';
import { generateGraphBenchData } from './graph-data';
const data = generateGraphBenchData(100, 50);
const inventory = buildInventory(data.objects).value;
const evaluator = createEvaluator(inventory, data.objects).value;
const index = buildEndpointIndex(inventory);
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  const c = collapseObservedEdges(data.edges);
  const t1 = performance.now();
  let n = 0;
  for (const e of c) { const v = evaluateEdge(evaluator, index, e); if (v.verdict) n++; }
  const t2 = performance.now();
  console.log(`collapse ${(t1 - t0).toFixed(0)} ms, evaluate ${n} edges ${(t2 - t1).toFixed(0)} ms`);
}
