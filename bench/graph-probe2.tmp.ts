import { performance } from 'node:perf_hooks';
import { collapseObservedEdges } from '../lib/graph';
import { generateGraphBenchData } from './graph-data';
const data = generateGraphBenchData(100, 50);
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  collapseObservedEdges(data.edges);
  const t1 = performance.now();
  const m = new Map(); for (const e of data.edges) m.set(`${e.source}|${e.destination}|${e.port}|${e.protocol}`, e);
  const t2 = performance.now();
  let x = 0; for (const e of data.edges) x += Date.parse(e.firstSeen) + Date.parse(e.lastSeen);
  const t3 = performance.now();
  console.log(`collapse ${(t1 - t0).toFixed(0)} ms; map only ${(t2 - t1).toFixed(0)} ms; 100k Date.parse ${(t3 - t2).toFixed(0)} ms`);
}
