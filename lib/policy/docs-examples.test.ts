// The NetworkPolicy examples of the Kubernetes documentation and the seed policies, as
// { from, to, port, protocol, expected, rule } tables. Fixtures: fixtures/netpol/k8s-docs-*.yaml, fixtures/netpol/seed-policies.yaml.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadManifestPaths } from '../manifest';
import { buildInventory } from '../inventory';
import { formatRuleRef, type Protocol } from '../model';
import { answerReachQuery, createEvaluator } from './index';

const fx = (f: string) => path.resolve(import.meta.dirname, '../../fixtures', f);

interface Row {
  from: string;
  to: string;
  port: number | string;
  protocol?: Protocol;
  expected: 'allowed' | 'denied';
  /** The rules that decided, as formatted RuleRefs (order-insensitive); omitted = not checked. */
  rules?: string[];
}

async function run(files: string[], rows: Row[]) {
  const loaded = await loadManifestPaths(files.map(fx));
  expect(loaded.diagnostics).toEqual([]);
  const inventory = buildInventory(loaded.value).value;
  const ev = createEvaluator(inventory, loaded.value);
  return rows.map((row) => {
    const r = answerReachQuery(inventory, ev.value, { from: row.from, to: row.to, port: row.port, ...(row.protocol ? { protocol: row.protocol } : {}) });
    if (!r.ok) throw new Error(r.error);
    const layer = r.value.explanation.layers[0]!;
    return { ...row, expected: r.value.verdict, ...(row.rules ? { rules: layer.rules.map(formatRuleRef).sort() } : {}) };
  });
}

const testNetworkPolicy: Row[] = [
  { from: 'default/frontend', to: 'default/db', port: 6379, expected: 'allowed', rules: ['NetworkPolicy/default/test-network-policy#ingress[0].from[2]'] },
  { from: 'default/frontend', to: 'default/db', port: 'redis', expected: 'allowed' },
  { from: 'default/frontend', to: 'default/db', port: 6380, expected: 'denied', rules: ['NetworkPolicy/default/test-network-policy'] },
  { from: 'default/frontend', to: 'default/db', port: 6379, protocol: 'UDP', expected: 'denied' },
  { from: 'default/backend', to: 'default/db', port: 6379, expected: 'denied' },
  { from: 'myproject/client', to: 'default/db', port: 6379, expected: 'allowed', rules: ['NetworkPolicy/default/test-network-policy#ingress[0].from[1]'] },
  // podSelector alone selects pods of the policy's own namespace only
  { from: 'other/frontend', to: 'default/db', port: 6379, expected: 'denied' },
  { from: 'ip:172.17.0.5', to: 'default/db', port: 6379, expected: 'allowed', rules: ['NetworkPolicy/default/test-network-policy#ingress[0].from[0]'] },
  { from: 'ip:172.17.1.5', to: 'default/db', port: 6379, expected: 'denied' },
  { from: 'default/db', to: 'ip:10.0.0.5', port: 5978, expected: 'allowed', rules: ['NetworkPolicy/default/test-network-policy#egress[0].to[0]'] },
  { from: 'default/db', to: 'ip:10.0.0.5', port: 5979, expected: 'denied' },
  { from: 'default/db', to: 'ip:10.0.1.5', port: 5978, expected: 'denied' },
  // egress isolation of db also blocks db -> frontend, whose ingress is open
  { from: 'default/db', to: 'default/frontend', port: 8080, expected: 'denied' },
  // pods that no policy selects are not isolated
  { from: 'default/backend', to: 'default/frontend', port: 8080, expected: 'allowed', rules: [] },
];

const multiPort: Row[] = [
  { from: 'default/db', to: 'ip:10.0.0.9', port: 32000, expected: 'allowed' },
  { from: 'default/db', to: 'ip:10.0.0.9', port: 32768, expected: 'allowed' },
  { from: 'default/db', to: 'ip:10.0.0.9', port: 31999, expected: 'denied' },
  { from: 'default/db', to: 'ip:10.0.0.9', port: 32769, expected: 'denied' },
  { from: 'default/db', to: 'ip:10.0.0.9', port: 32100, protocol: 'UDP', expected: 'denied' },
];

const selectorsAndOr: Row[] = [
  { from: 'alice-ns/client', to: 'default/db', port: 6379, expected: 'allowed' },
  { from: 'alice-ns/other', to: 'default/db', port: 6379, expected: 'denied' },
  { from: 'bob-ns/client', to: 'default/db', port: 6379, expected: 'denied' },
  { from: 'default/client', to: 'default/db', port: 6379, expected: 'denied' },
  { from: 'alice-ns/other', to: 'default/frontend', port: 8080, expected: 'allowed', rules: ['NetworkPolicy/default/or-peers#ingress[0].from[0]'] },
  { from: 'default/client', to: 'default/frontend', port: 8080, expected: 'allowed', rules: ['NetworkPolicy/default/or-peers#ingress[0].from[1]'] },
  { from: 'bob-ns/client', to: 'default/frontend', port: 8080, expected: 'denied' },
];

const seeds: Row[] = [
  { from: 'backend/api-gateway', to: 'backend/user-service', port: 8080, expected: 'allowed', rules: ['NetworkPolicy/backend/allow-api-gateway-egress#egress[0].to[0]', 'NetworkPolicy/backend/allow-api-gateway-to-user-service#ingress[0].from[0]'] },
  { from: 'backend/api-gateway', to: 'backend/user-service', port: 'http', expected: 'allowed' },
  { from: 'backend/api-gateway', to: 'backend/database', port: 5432, expected: 'denied' },
  { from: 'backend/user-service', to: 'backend/database', port: 5432, expected: 'allowed' },
  { from: 'backend/database-0', to: 'backend/user-service', port: 8080, expected: 'denied' },
  { from: 'backend/user-service', to: 'kube-system/coredns', port: 53, protocol: 'UDP', expected: 'allowed', rules: ['NetworkPolicy/backend/allow-dns#egress[0].to[0]'] },
  { from: 'backend/user-service', to: 'kube-system/coredns', port: 'dns-tcp', expected: 'allowed' },
  { from: 'backend/user-service', to: 'ip:93.184.216.34', port: 443, expected: 'denied', rules: ['NetworkPolicy/backend/allow-dns', 'NetworkPolicy/backend/allow-user-service-egress', 'NetworkPolicy/backend/default-deny-all'] },
  { from: 'ip:203.0.113.7', to: 'backend/api-gateway', port: 8443, expected: 'denied' },
];

describe('Kubernetes documentation examples', () => {
  test.each([
    ['test-network-policy', ['inventory/docs-cluster.yaml', 'netpol/k8s-docs-test-network-policy.yaml'], testNetworkPolicy],
    ['multi-port-egress (endPort)', ['inventory/docs-cluster.yaml', 'netpol/k8s-docs-multi-port-egress.yaml'], multiPort],
    ['namespaceSelector AND podSelector vs OR', ['inventory/docs-cluster.yaml', 'inventory/alice-bob.yaml', 'netpol/k8s-docs-namespace-and-pod-selector.yaml'], selectorsAndOr],
    ['seed policies', ['inventory/seed-cluster.yaml', 'netpol/seed-policies.yaml'], seeds],
  ] as const)('%s', async (_name, files, rows) => {
    const got = await run([...files], [...rows]);
    expect(got).toEqual(rows.map((r) => (r.rules ? { ...r, rules: [...r.rules].sort() } : r)));
  });

  const defaults: [string, string, 'allowed' | 'denied', 'allowed' | 'denied'][] = [
    // [fixture, description, frontend -> backend (in-namespace), db -> ip:8.8.8.8]
    ['netpol/k8s-docs-default-deny-ingress.yaml', 'default deny ingress', 'denied', 'allowed'],
    ['netpol/k8s-docs-allow-all-ingress.yaml', 'allow all ingress', 'allowed', 'allowed'],
    ['netpol/k8s-docs-default-deny-egress.yaml', 'default deny egress', 'denied', 'denied'],
    ['netpol/k8s-docs-allow-all-egress.yaml', 'allow all egress', 'allowed', 'allowed'],
    ['netpol/k8s-docs-default-deny-all.yaml', 'default deny all', 'denied', 'denied'],
  ];
  test.each(defaults)('%s (%s)', async (fixture, _d, inNamespace, toInternet) => {
    const got = await run(['inventory/docs-cluster.yaml', fixture], [
      { from: 'default/frontend', to: 'default/backend', port: 80, expected: inNamespace },
      { from: 'default/db', to: 'ip:8.8.8.8', port: 53, protocol: 'UDP', expected: toInternet },
    ]);
    expect(got.map((g) => g.expected)).toEqual([inNamespace, toInternet]);
  });
});
