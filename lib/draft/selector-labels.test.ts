import { describe, expect, test } from 'vitest';
import { selectWorkloadLabels } from './index';
import { clusterInventory } from './test-support/cluster';

const inventory = clusterInventory([
  { namespace: 'shop', name: 'web', labels: { app: 'web', tier: 'frontend', 'pod-template-hash': 'zzz' }, ports: [] },
  { namespace: 'shop', name: 'web-canary', labels: { app: 'web', track: 'canary' }, ports: [] },
  { namespace: 'shop', name: 'api', labels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api-prod' }, ports: [] },
  { namespace: 'shop', name: 'job', labels: { 'controller-revision-hash': 'abc' }, ports: [] },
  { namespace: 'other', name: 'web', labels: { app: 'web' }, ports: [] },
]);
const workload = (ns: string, name: string) => {
  const w = inventory.workloads.find((x) => x.namespace === ns && x.name === name);
  if (!w) throw new Error(`no ${ns}/${name}`);
  return w;
};

describe('stable selector labels', () => {
  test.each([
    ['shop', 'api', { 'app.kubernetes.io/name': 'api' }, []],
    // app=web also selects the canary: the next stable label narrows it.
    ['shop', 'web', { app: 'web', tier: 'frontend' }, []],
    ['shop', 'web-canary', { app: 'web', track: 'canary' }, []],
    // Same labels in another namespace do not clash: a selector is namespaced.
    ['other', 'web', { app: 'web' }, []],
    ['shop', 'job', null, ['unselectable-workload']],
  ])('%s/%s -> %j', (ns, name, labels, codes) => {
    const r = selectWorkloadLabels(inventory, workload(ns, name));
    expect(r.labels).toEqual(labels);
    expect(r.diagnostics.map((d) => d.code)).toEqual(codes);
  });

  test('a workload whose labels are a subset of another one is reported, not silently widened', () => {
    const inv = clusterInventory([
      { namespace: 'n', name: 'a', labels: { app: 'x' }, ports: [] },
      { namespace: 'n', name: 'b', labels: { app: 'x', extra: 'y' }, ports: [] },
    ]);
    const a = inv.workloads.find((w) => w.name === 'a');
    expect(a && selectWorkloadLabels(inv, a).diagnostics.map((d) => d.code)).toEqual(['selector-not-unique']);
  });
});
