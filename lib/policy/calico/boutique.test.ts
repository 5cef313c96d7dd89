import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS, type ManifestObject } from '../../model/manifest';
import type { Protocol } from '../../model/kubernetes';
import { formatRuleRef } from '../../model/verdict';
import { connection, FIXTURES, inventoryOf, loadObjects } from '../cilium/test-support';
import { calicoLayerFactory } from './index';

interface KeyEdge {
  id: string;
  source: string;
  destination: string;
  port: number;
  protocol: Protocol;
  classification: 'allowed_and_observed' | 'observed_but_unauthorized' | 'allowed_but_unused';
}
const answerKey = JSON.parse(readFileSync(path.join(FIXTURES, 'boutique/answer-key.json'), 'utf8')) as { edges: KeyEdge[] };
const SKIP: Record<string, string> = {
  A2: 'the source (SA fraudservice) matches no pod: a dangling rule, not a connection',
};

const cluster = loadObjects('boutique/kubernetes/cluster-state.json');
function layerFor(objects: ManifestObject[]) {
  const all = [...cluster, ...objects];
  const inventory = inventoryOf(all);
  const r = calicoLayerFactory({ inventory, objects: all, options: DEFAULT_ENGINE_OPTIONS });
  return { layer: r.value!, diagnostics: r.diagnostics, inventory };
}

describe('Online Boutique calico-policies.yaml against answer-key.json', () => {
  const { layer, diagnostics, inventory } = layerFor(loadObjects('boutique/policies/calico-policies.yaml'));
  test('no diagnostics', () => expect(diagnostics).toEqual([]));

  test.each(answerKey.edges.filter((e) => !(e.id in SKIP)))('$id $source -> $destination :$port $classification', (e) => {
    const d = layer.decide(connection(inventory, e.source, e.destination, e.port, e.protocol));
    expect(d.outcome).toBe(e.classification === 'observed_but_unauthorized' ? 'denied' : 'allowed');
  });

  test.each([
    { from: 'tools/netshoot-debug', to: 'boutique/cartservice', port: 7070, outcome: 'denied', rules: ['GlobalNetworkPolicy/deny-debug-tools-to-boutique#ingress[1]'], reported: ['GlobalNetworkPolicy/deny-debug-tools-to-boutique#ingress[0]'] },
    { from: 'boutique/frontend', to: 'boutique/paymentservice', port: 50051, outcome: 'denied', rules: ['GlobalNetworkPolicy/deny-debug-tools-to-boutique', 'NetworkPolicy.projectcalico.org/boutique/paymentservice', 'GlobalNetworkPolicy/boutique-default-deny'], reported: [] },
    { from: 'boutique/checkoutservice', to: 'boutique/paymentservice', port: 50051, outcome: 'allowed', rules: ['NetworkPolicy.projectcalico.org/boutique/paymentservice#ingress[0]'], reported: [] },
    { from: 'ip:203.0.113.50', to: 'boutique/frontend', port: 8080, outcome: 'allowed', rules: ['NetworkPolicy.projectcalico.org/boutique/frontend#ingress[0]'], reported: [] },
  ])('$from -> $to :$port names the deciding rule', (c) => {
    const d = layer.decide(connection(inventory, c.from, c.to, c.port));
    expect(d.outcome).toBe(c.outcome);
    expect(d.rules.map(formatRuleRef)).toEqual(c.rules);
    expect((d.reported ?? []).map(formatRuleRef)).toEqual(c.reported);
  });

  test('DNS: allowed explicitly at the source by boutique-allow-dns; other egress is passed and allowed by the namespace profile', () => {
    const dns = layer.decide(connection(inventory, 'boutique/frontend', 'kube-system/coredns', 53, 'UDP'));
    expect(dns.directions.find((x) => x.direction === 'egress')).toMatchObject({ outcome: 'allowed', basis: 'explicit', rules: [{ name: 'boutique-allow-dns', path: 'egress[0]' }] });
    const out = layer.decide(connection(inventory, 'boutique/frontend', 'ip:198.51.100.7', 443));
    expect(out).toMatchObject({ outcome: 'allowed', basis: 'default' });
    expect(out.reason).toContain('passed by GlobalNetworkPolicy/boutique-allow-dns#egress[2]');
  });

  test('a Kubernetes NetworkPolicy runs in the default tier at order 1000: after Calico order 100, before order 2000', () => {
    const np = loadObjects('boutique/policies/networkpolicy.yaml');
    const both = layerFor([...loadObjects('boutique/policies/calico-policies.yaml'), ...np]);
    const d = both.layer.decide(connection(both.inventory, 'boutique/checkoutservice', 'boutique/paymentservice', 50051));
    expect(d.rules.map(formatRuleRef)).toEqual(['NetworkPolicy.projectcalico.org/boutique/paymentservice#ingress[0]']);
    expect(both.layer.decide(connection(both.inventory, 'boutique/frontend', 'boutique/paymentservice', 50051)).outcome).toBe('denied');
  });
});
