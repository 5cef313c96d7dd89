import { describe, expect, test } from 'vitest';
import { emptyInventory, type Inventory, type Workload } from '../model';
import { classifySensitivity, crownJewelSet } from './sensitivity';

const workload = (name: string, extra: Partial<Workload> = {}): Workload => ({
  kind: 'Deployment',
  namespace: 'shop',
  name,
  podLabels: { app: name },
  podAnnotations: {},
  serviceAccount: 'default',
  ports: [],
  containers: [name],
  hostNetwork: false,
  ...extra,
});

function inventory(...workloads: Workload[]): Inventory {
  return { ...emptyInventory(), namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' }, annotations: {} }], workloads };
}

describe('classifySensitivity', () => {
  test.each([
    { case: 'user tag', w: workload('ledger'), tags: ['shop/ledger'], crownJewel: true, reason: 'tag' },
    { case: 'namespace tag', w: workload('ledger'), tags: ['shop/*'], crownJewel: true, reason: 'tag' },
    { case: 'label rule', w: workload('ledger', { podLabels: { 'data-classification': 'restricted' } }), tags: [], crownJewel: true, reason: 'label' },
    { case: 'well-known port is a suggestion', w: workload('cache', { ports: [{ port: 6379, protocol: 'TCP' }] }), tags: [], crownJewel: false, reason: 'port' },
    { case: 'well-known name is a suggestion', w: workload('orders-postgres'), tags: [], crownJewel: false, reason: 'name' },
  ])('$case', ({ w, tags, crownJewel, reason }) => {
    const [finding] = classifySensitivity(inventory(w), tags);
    expect(finding?.crownJewel).toBe(crownJewel);
    expect(finding?.reasons.map((r) => r.kind)).toContain(reason);
  });

  test('ordinary workloads are not reported', () => {
    expect(classifySensitivity(inventory(workload('frontend', { ports: [{ port: 8080, protocol: 'TCP' }] })), [])).toEqual([]);
  });

  test('crownJewelSet keeps only confirmed crown jewels', () => {
    const findings = classifySensitivity(inventory(workload('ledger'), workload('cache', { ports: [{ port: 6379, protocol: 'TCP' }] })), ['shop/ledger']);
    expect([...crownJewelSet(findings)]).toEqual(['shop/ledger']);
  });
});
