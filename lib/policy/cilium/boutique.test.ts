import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { ManifestObject } from '../../model/manifest';
import type { Protocol } from '../../model/kubernetes';
import { ciliumLayerFactory } from './index';
import { connection, FIXTURES, inventoryOf, loadObjects } from './test-support';

interface KeyEdge {
  id: string;
  source: string;
  destination: string;
  port: number;
  protocol: Protocol;
  app_protocol?: string;
  classification: 'allowed_and_observed' | 'observed_but_unauthorized' | 'allowed_but_unused';
}
const answerKey = JSON.parse(readFileSync(path.join(FIXTURES, 'boutique/answer-key.json'), 'utf8')) as { edges: KeyEdge[] };

/** Edges the engine cannot check as a pod-to-pod query, with the reason. */
const SKIP: Record<string, string> = {
  A2: 'the source (app=fraudservice / SA fraudservice) matches no pod: a dangling rule, not a connection',
};

/** gRPC call for the L7-restricted productcatalogservice (CiliumNetworkPolicy productcatalogservice-l7). */
const GRPC_CATALOG = { method: 'POST', path: '/hipstershop.ProductCatalogService/ListProducts' };

const cluster = loadObjects('boutique/kubernetes/cluster-state.json');

function layerFor(objects: ManifestObject[]) {
  const all = [...cluster, ...objects];
  const r = ciliumLayerFactory({ inventory: inventoryOf(all), objects: all, options: DEFAULT_ENGINE_OPTIONS });
  return { layer: r.value!, diagnostics: r.diagnostics, inventory: inventoryOf(all) };
}

describe('Online Boutique cilium-policies.yaml as shipped', () => {
  test('boutique-services nests `specs` under `spec`: rejected with a diagnostic naming the field', () => {
    const { diagnostics } = layerFor(loadObjects('boutique/policies/cilium-policies.yaml'));
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'invalid-policy', line: 47, message: expect.stringContaining('spec.specs') })]);
  });
});

describe('Online Boutique Cilium policies (specs at the top level) against answer-key.json', () => {
  const { layer, diagnostics, inventory } = layerFor(loadObjects('cilium/boutique-cilium-policies.yaml'));
  test('no diagnostics', () => expect(diagnostics).toEqual([]));

  const edges = answerKey.edges.filter((e) => !(e.id in SKIP));
  test.each(edges)('$id $source -> $destination :$port $classification', (e) => {
    const grpcCatalog = e.destination === 'boutique/productcatalogservice';
    const d = layer.decide(connection(inventory, e.source, e.destination, e.port, e.protocol, grpcCatalog ? GRPC_CATALOG : undefined));
    expect(d.outcome).toBe(e.classification === 'observed_but_unauthorized' ? 'denied' : 'allowed');
  });

  test.each(edges.filter((e) => e.destination === 'boutique/productcatalogservice'))('$id without a request is conditional on the L7 rule', (e) => {
    const d = layer.decide(connection(inventory, e.source, e.destination, e.port, e.protocol));
    expect(d.outcome).toBe('conditional');
    expect(d.conditions?.join(' ')).toContain('/hipstershop.ProductCatalogService/.*');
  });

  test('a non-gRPC request to productcatalogservice is denied by the L7 rule', () => {
    const d = layer.decide(connection(inventory, 'boutique/frontend', 'boutique/productcatalogservice', 3550, 'TCP', { method: 'GET', path: '/metrics' }));
    expect(d).toMatchObject({ outcome: 'denied', basis: 'no-match', rules: [expect.objectContaining({ name: 'productcatalogservice-l7' })] });
  });

  test('U3 names the clusterwide deny policy; U1 is default deny', () => {
    expect(layer.decide(connection(inventory, 'tools/netshoot-debug', 'boutique/cartservice', 7070)).rules).toEqual([
      { kind: 'CiliumClusterwideNetworkPolicy', name: 'deny-debug-tools-to-boutique', path: 'ingressDeny[0].fromEndpoints[0]' },
    ]);
    expect(layer.decide(connection(inventory, 'boutique/frontend', 'boutique/paymentservice', 50051))).toMatchObject({ outcome: 'denied', basis: 'no-match' });
  });

  test('the frontend rule is one wildcard rule (fromEntities: all)', () => {
    const d = layer.decide(connection(inventory, 'ip:203.0.113.50', 'boutique/frontend', 8080));
    expect(d).toMatchObject({ outcome: 'allowed', rules: [{ kind: 'CiliumNetworkPolicy', namespace: 'boutique', name: 'frontend', path: 'ingress[0].fromEntities[0]', wildcard: true }] });
  });

  test('DNS to CoreDNS is allowed by the DNS-visibility CCNP without egress default deny', () => {
    expect(layer.decide(connection(inventory, 'boutique/frontend', 'kube-system/coredns', 53, 'UDP'))).toMatchObject({ outcome: 'allowed', basis: 'explicit' });
    expect(layer.decide(connection(inventory, 'boutique/frontend', 'ip:198.51.100.7', 443))).toMatchObject({ outcome: 'allowed', basis: 'default' });
  });
});

interface HubblePolicy {
  kind: string;
  name: string;
  namespace?: string;
}
interface HubbleFlow {
  verdict: string;
  drop_reason_desc?: string;
  traffic_direction: 'INGRESS' | 'EGRESS';
  is_reply?: boolean;
  source: { namespace?: string; pod_name?: string };
  destination: { namespace?: string; pod_name?: string };
  l4: Record<string, { destination_port: number }>;
  ingress_allowed_by?: HubblePolicy[];
  egress_allowed_by?: HubblePolicy[];
  ingress_denied_by?: HubblePolicy[];
  egress_denied_by?: HubblePolicy[];
}

const flows = readFileSync(path.join(FIXTURES, 'boutique/hubble/hubble-observe.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { flow: HubbleFlow }).flow)
  .filter((f) => !f.is_reply && (f.verdict === 'DROPPED' || f.ingress_allowed_by || f.egress_allowed_by || f.ingress_denied_by || f.egress_denied_by));

describe('Hubble policy verdicts (capture: networkpolicy.yaml + productcatalogservice-l7 + the two CCNPs)', () => {
  const cilium = loadObjects('cilium/boutique-cilium-policies.yaml').filter((o) => ['productcatalogservice-l7', 'deny-debug-tools-to-boutique', 'boutique-dns-visibility'].includes(o.metadata.name));
  const { layer, inventory } = layerFor([...loadObjects('boutique/policies/networkpolicy.yaml'), ...cilium]);
  const policyKey = (p: { kind: string; name: string; namespace?: string }) => `${p.kind}/${p.namespace ? `${p.namespace}/` : ''}${p.name}`;

  test('the capture has named verdicts to check', () => expect(flows.filter((f) => f.ingress_denied_by || f.ingress_allowed_by).length).toBeGreaterThanOrEqual(3));

  test.each(flows.map((f, i) => ({ i, f, label: `${f.source.pod_name} -> ${f.destination.pod_name}:${Object.values(f.l4)[0]?.destination_port} ${f.verdict} ${f.drop_reason_desc ?? ''}` })))('$label', ({ f }) => {
    const [proto, l4] = Object.entries(f.l4)[0]!;
    const c = connection(inventory, `${f.source.namespace}/${f.source.pod_name}`, `${f.destination.namespace}/${f.destination.pod_name}`, l4.destination_port, proto as Protocol);
    const dir = f.traffic_direction === 'INGRESS' ? 'ingress' : 'egress';
    const d = layer.decide(c).directions.find((x) => x.direction === dir)!;
    const named = dir === 'ingress' ? (f.ingress_denied_by ?? f.ingress_allowed_by) : (f.egress_denied_by ?? f.egress_allowed_by);
    if (f.verdict === 'DROPPED') {
      // drop reason 181 POLICY_DENY = an explicit deny rule; 133 POLICY_DENIED = default deny.
      expect(d).toMatchObject({ outcome: 'denied', basis: f.drop_reason_desc === 'POLICY_DENY' ? 'deny-rule' : 'no-match' });
    } else {
      expect(d.outcome).toBe('allowed');
    }
    if (named && named.length > 0) {
      expect(new Set(d.rules.map(policyKey))).toEqual(new Set(named!.map(policyKey)));
    }
  });
});
