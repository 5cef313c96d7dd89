// The Online Boutique sample (fixtures/boutique/, see its README §3) against answer-key.json: every dialect of the
// network layer (NetworkPolicy alone, + AdminNetworkPolicy/BaselineAdminNetworkPolicy v1alpha1, + ClusterNetworkPolicy
// v1alpha2) must give the key's verdicts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadManifestPaths } from '../manifest';
import { buildInventory } from '../inventory';
import { formatRuleRef, type Inventory, type ManifestObject } from '../model';
import { answerReachQuery, createEvaluator, findDanglingNetworkRules, NetworkModel } from './index';

const root = path.resolve(import.meta.dirname, '../../fixtures/boutique');
interface KeyEdge {
  id: string;
  source: string;
  destination: string;
  port: number;
  protocol: 'TCP';
  classification: string;
}
const key = JSON.parse(readFileSync(path.join(root, 'answer-key.json'), 'utf8')) as { edges: KeyEdge[] };
// A2's source is a selector that matches no pod (a dangling rule): there is nothing to query.
const edges = key.edges.filter((e) => e.id !== 'A2');
const expectedAllowed = (e: KeyEdge) => e.classification !== 'observed_but_unauthorized';

const dialects = {
  networkpolicy: ['policies/networkpolicy.yaml'],
  'networkpolicy+anp-v1alpha1': ['policies/networkpolicy.yaml', 'policies/adminnetworkpolicy-v1alpha1.yaml'],
  'networkpolicy+cnp-v1alpha2': ['policies/networkpolicy.yaml', 'policies/clusternetworkpolicy-v1alpha2.yaml'],
};

let cluster: ManifestObject[];
beforeAll(async () => {
  cluster = (await loadManifestPaths([path.join(root, 'kubernetes/cluster-state.json')])).value;
});

async function load(files: string[]): Promise<{ inventory: Inventory; objects: ManifestObject[] }> {
  const policies = await loadManifestPaths(files.map((f) => path.join(root, f)));
  expect(policies.diagnostics).toEqual([]);
  const objects = [...cluster, ...policies.value];
  return { inventory: buildInventory(objects).value, objects };
}

describe.each(Object.entries(dialects))('Online Boutique answer key with %s', (_name, files) => {
  test.each(edges)('$id $source -> $destination:$port is $classification', async (edge) => {
    const { inventory, objects } = await load(files);
    const ev = createEvaluator(inventory, objects);
    const r = answerReachQuery(inventory, ev.value, { from: edge.source, to: edge.destination, port: edge.port, protocol: edge.protocol });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.allowed).toBe(expectedAllowed(edge));
    expect(r.value.consistent).toBe(true);
  });
});

describe('Online Boutique explanations', () => {
  test('the named port grpc of currencyservice resolves to 7000 and names the allowing rule', async () => {
    const { inventory, objects } = await load(dialects.networkpolicy);
    const r = answerReachQuery(inventory, createEvaluator(inventory, objects).value, { from: 'boutique/frontend', to: 'boutique/currencyservice', port: 'grpc' });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.pairs[0]?.port).toBe(7000);
    const ingress = r.value.explanation.layers[0]?.directions.find((d) => d.direction === 'ingress');
    expect(ingress?.rules.map(formatRuleRef)).toEqual(['NetworkPolicy/boutique/currencyservice#ingress[0].from[0]']);
    expect(ingress?.basis).toBe('explicit');
  });

  test('the frontend wildcard rule is flagged as wildcard', async () => {
    const { inventory, objects } = await load(dialects.networkpolicy);
    const r = answerReachQuery(inventory, createEvaluator(inventory, objects).value, { from: 'istio-system/istio-ingressgateway', to: 'boutique/frontend', port: 8080 });
    if (!r.ok) throw new Error(r.error);
    const layer = r.value.explanation.layers[0]!;
    expect(layer.rules).toEqual([{ kind: 'NetworkPolicy', namespace: 'boutique', name: 'frontend', path: 'ingress[0]', wildcard: true }]);
    expect(layer.directions.find((d) => d.direction === 'egress')).toMatchObject({ isolated: false, basis: 'default', outcome: 'allowed' });
  });

  test.each([
    ['networkpolicy+anp-v1alpha1', 'AdminNetworkPolicy/boutique-deny-debug-tools#ingress[0].from[0]'],
    ['networkpolicy+cnp-v1alpha2', 'ClusterNetworkPolicy/boutique-deny-debug-tools#ingress[0].from[0]'],
  ] as const)('U3 is an explicit deny by the admin tier with %s', async (dialect, rule) => {
    const { inventory, objects } = await load(dialects[dialect]);
    const r = answerReachQuery(inventory, createEvaluator(inventory, objects).value, { from: 'tools/netshoot-debug', to: 'boutique/cartservice', port: 7070 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.explanation.layers[0]).toMatchObject({ outcome: 'denied', basis: 'deny-rule' });
    expect(r.value.explanation.layers[0]?.rules.map(formatRuleRef)).toEqual([rule]);
  });

  test('U1 is denied because paymentservice is isolated and no rule admits frontend', async () => {
    const { inventory, objects } = await load(dialects.networkpolicy);
    const r = answerReachQuery(inventory, createEvaluator(inventory, objects).value, { from: 'boutique/frontend', to: 'boutique/paymentservice', port: 50051 });
    if (!r.ok) throw new Error(r.error);
    const layer = r.value.explanation.layers[0]!;
    expect(layer).toMatchObject({ outcome: 'denied', basis: 'no-match' });
    expect(layer.rules.map(formatRuleRef).sort()).toEqual(['NetworkPolicy/boutique/deny-all', 'NetworkPolicy/boutique/paymentservice']);
    expect(r.value.explanation.summary).toMatch(/^network: denied: isolated by NetworkPolicy\/boutique\//);
  });

  test('the ANP payment guardrail Allow for checkoutservice is explicit and skips NetworkPolicy', async () => {
    const { inventory, objects } = await load(dialects['networkpolicy+anp-v1alpha1']);
    const r = answerReachQuery(inventory, createEvaluator(inventory, objects).value, { from: 'boutique/checkoutservice', to: 'boutique/paymentservice', port: 50051 });
    if (!r.ok) throw new Error(r.error);
    const ingress = r.value.explanation.layers[0]?.directions.find((d) => d.direction === 'ingress');
    expect(ingress?.rules.map(formatRuleRef)).toEqual(['AdminNetworkPolicy/payment-pci-guardrail#ingress[0].from[0]']);
  });

  test('DNS egress to kube-dns is allowed by the admin tier even though boutique egress is NetworkPolicy-isolated', async () => {
    const { inventory, objects } = await load(dialects['networkpolicy+cnp-v1alpha2']);
    const coredns = inventory.pods.find((p) => p.workload.name === 'coredns')!;
    const r = answerReachQuery(inventory, createEvaluator(inventory, objects).value, { from: 'boutique/cartservice', to: `kube-system/${coredns.name}`, port: 53, protocol: 'UDP' });
    if (!r.ok) throw new Error(r.error);
    const egress = r.value.explanation.layers[0]?.directions.find((d) => d.direction === 'egress');
    expect(egress?.rules.map(formatRuleRef)).toEqual(['ClusterNetworkPolicy/cluster-allow-dns#egress[0].to[0]']);
  });
});

describe('dangling rules (answer key A2)', () => {
  test.each([
    ['networkpolicy', ['NetworkPolicy/boutique/paymentservice#ingress[0].from[1]']],
    ['networkpolicy+anp-v1alpha1', ['NetworkPolicy/boutique/paymentservice#ingress[0].from[1]', 'AdminNetworkPolicy/payment-pci-guardrail#ingress[1].from[0]']],
    ['networkpolicy+cnp-v1alpha2', ['NetworkPolicy/boutique/paymentservice#ingress[0].from[1]', 'ClusterNetworkPolicy/payment-pci-guardrail#ingress[1].from[0]']],
  ] as const)('%s: the fraudservice peer matches no pod', async (dialect, expected) => {
    const { inventory, objects } = await load(dialects[dialect]);
    expect(findDanglingNetworkRules(new NetworkModel(inventory, objects)).map((d) => formatRuleRef(d.ref))).toEqual(expected);
  });
});

describe('Service names', () => {
  test.each([
    // kube-dns has no workload of that name: the Service port 53/UDP goes to port 53 on both CoreDNS pods
    ['kube-system/kube-dns', 53, 'UDP', 53, 2],
    ['kube-system/kube-dns', 'dns-tcp', 'TCP', 53, 2],
  ] as const)('%s:%s/%s resolves to pod port %s on %s pods', async (to, port, protocol, podPort, pods) => {
    const { inventory, objects } = await load(dialects.networkpolicy);
    const r = answerReachQuery(inventory, createEvaluator(inventory, objects).value, { from: 'boutique/frontend', to, port, protocol });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.pairs.map((p) => p.port)).toEqual(Array(pods).fill(podPort));
    expect(r.value.note).toMatch(/via Service/);
    expect(r.value.allowed).toBe(true);
  });

  test('an unknown Service port is a clear error', async () => {
    const { inventory, objects } = await load(dialects.networkpolicy);
    const r = answerReachQuery(inventory, createEvaluator(inventory, objects).value, { from: 'boutique/frontend', to: 'kube-system/kube-dns', port: 80 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/service kube-system\/kube-dns has no port 80 \(ports: dns=53\/UDP, dns-tcp=53\/TCP, metrics=9153\/TCP\)/);
  });
});
