import { classifyGraph } from '../lib/graph';
import { buildInventory } from '../lib/inventory';
import { createEvaluator } from '../lib/policy';
import type { Connection } from '../lib/model/verdict';
import { generateGraphBenchData } from './graph-data';
const data = generateGraphBenchData(100, 50);
const inventory = buildInventory(data.objects).value;
for (let r = 0; r < 3; r++) {
  const ev = createEvaluator(inventory, data.objects).value;
  let inEval = 0; let n = 0;
  const wrapped = { layers: ev.layers, evaluate(c: Connection) { const c0 = process.cpuUsage(); const v = ev.evaluate(c); inEval += process.cpuUsage(c0).user; n++; return v; } };
  const c0 = process.cpuUsage();
  classifyGraph({ inventory, evaluator: wrapped, edges: data.edges });
  const total = process.cpuUsage(c0).user;
  console.log(`classify CPU ${(total / 1000).toFixed(0)} ms, of which evaluator ${(inEval / 1000).toFixed(0)} ms over ${n} evaluations`);
}
