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
    { case: 'user tag', w: workload('ledger'), tags: ['shop/ledger'], level: 'crown-jewel', reason: 'tag', categories: [] },
    { case: 'namespace tag', w: workload('ledger'), tags: ['shop/*'], level: 'crown-jewel', reason: 'tag', categories: [] },
    { case: 'label rule', w: workload('ledger', { podLabels: { 'data-classification': 'restricted' } }), tags: [], level: 'crown-jewel', reason: 'label', categories: [] },
    { case: 'well-known port is a suggestion', w: workload('cache', { ports: [{ port: 6379, protocol: 'TCP' }] }), tags: [], level: 'sensitive', reason: 'port', categories: ['data-store'] },
    { case: 'well-known name is a suggestion', w: workload('orders-postgres'), tags: [], level: 'sensitive', reason: 'name', categories: ['data-store'] },
    { case: 'a payment service by its name', w: workload('paymentservice'), tags: [], level: 'sensitive', reason: 'service-name', categories: ['payment'] },
    { case: 'an email service by its name handles user data', w: workload('emailservice'), tags: [], level: 'sensitive', reason: 'service-name', categories: ['user-data'] },
    { case: 'a tagged payment service is a crown jewel that handles payments', w: workload('billing'), tags: ['shop/billing'], level: 'crown-jewel', reason: 'service-name', categories: ['payment'] },
  ])('$case', ({ w, tags, level, reason, categories }) => {
    const [finding] = classifySensitivity(inventory(w), tags);
    expect(finding?.level).toBe(level);
    expect(finding?.reasons.map((r) => r.kind)).toContain(reason);
    expect(finding?.categories).toEqual(categories);
  });

  test('an admin or internal word in a name is no data hint', () => {
    expect(classifySensitivity(inventory(workload('admin-console'), workload('internal-api')), [])).toEqual([]);
  });

  test('ordinary workloads are not reported', () => {
    expect(classifySensitivity(inventory(workload('frontend', { ports: [{ port: 8080, protocol: 'TCP' }] })), [])).toEqual([]);
  });

  test('crownJewelSet keeps only confirmed crown jewels', () => {
    const findings = classifySensitivity(inventory(workload('ledger'), workload('cache', { ports: [{ port: 6379, protocol: 'TCP' }] })), ['shop/ledger']);
    expect([...crownJewelSet(findings)]).toEqual(['shop/ledger']);
  });
});
