import { loadManifestPaths } from './lib/manifest';
import { buildInventory } from './lib/inventory';
import { createEvaluator, answerReachQuery, computeMatrix } from './lib/policy';
import { readFileSync } from 'node:fs';
const m = await loadManifestPaths(['fixtures/boutique/kubernetes/cluster-state.json', 'fixtures/boutique/policies/networkpolicy.yaml', ...process.argv.slice(2)]);
const inv = buildInventory(m.value).value;
console.log(inv.workloads.map(w=>w.kind+'/'+w.name).join(' '), inv.pods.length);
const ev = createEvaluator(inv, m.value);
console.log(ev.diagnostics);
const key = JSON.parse(readFileSync('fixtures/boutique/answer-key.json','utf8'));
for (const e of key.edges) {
  if (e.id==='A2') continue;
  const r = answerReachQuery(inv, ev.value, { from: e.source, to: e.destination, port: e.port, protocol: e.protocol });
  if (!r.ok) { console.log(e.id, r.error); continue; }
  console.log(e.id, e.classification, r.value.verdict, r.value.explanation.summary);
}
const mx = computeMatrix(inv, ev.value);
console.log(mx.targets.length, mx.entries().filter(e=>e.allowed).length);
