// The pod's own node, per layer and direction. Sources: https://kubernetes.io/docs/concepts/services-networking/network-policies/
// ("traffic to and from the node where a Pod is running is always allowed"), Cilium's allow-localhost
// (lib/policy/cilium/allow-localhost.ts), Felix's unpoliced host -> local workload path (lib/policy/calico/host-to-workload.ts).
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import { formatRuleRef, type Endpoint, type Outcome } from '../model';
import { createEvaluator } from './index';
import { toManifests } from './testing/e2e-model';

type Raw = Record<string, unknown>;

/** shop/web-1 runs on node-a, shop/web-2 on node-b; node-agent is a host-network pod on node-a. No Node objects: node addresses come from status.hostIP. */
const NODE_A = '10.0.0.1';
const NODE_B = '10.0.0.2';
const pod = (name: string, node: string, hostIP: string, ip: string, extra: Raw = {}): Raw => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: name.replace(/-\d$/, '') } },
  spec: { nodeName: node, containers: [{ name: 'c', ports: [{ containerPort: 8080, name: 'http' }] }], ...extra },
  status: { phase: 'Running', hostIP, podIP: ip },
});
const cluster: Raw[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  pod('web-1', 'node-a', NODE_A, '10.1.0.10'),
  pod('web-2', 'node-b', NODE_B, '10.1.1.10'),
  pod('node-agent', 'node-a', NODE_A, NODE_A, { hostNetwork: true }),
];
/** node-a as the API reports it, with a second address: the rule holds "regardless of the IP address of ... the node". */
const nodeObject: Raw = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' }, status: { addresses: [{ type: 'InternalIP', address: NODE_A }, { type: 'ExternalIP', address: '198.51.100.7' }] } };

const denyAll: Raw = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-all', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
const adminDenyNodes: Raw = {
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'AdminNetworkPolicy',
  metadata: { name: 'no-nodes' },
  spec: { priority: 10, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ nodes: {} }] }] },
};
const ciliumDefaultDeny: Raw = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'default-deny', namespace: 'shop' }, spec: { endpointSelector: {}, ingress: [{}], egress: [{}] } };
const ciliumDenyHost: Raw = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'deny-host', namespace: 'shop' }, spec: { endpointSelector: {}, ingressDeny: [{ fromEntities: ['host'] }] } };
const calicoDenyAll: Raw = { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'deny-all' }, spec: { selector: 'all()', types: ['Ingress', 'Egress'] } };
const calicoDenyNodeA: Raw = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: { name: 'deny-node-a' },
  spec: { order: 1, selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Deny', source: { nets: [`${NODE_A}/32`] } }] },
};

type End = `ip:${string}` | `pod:${string}`;
interface Case {
  name: string;
  policies: Raw[];
  withNode?: boolean;
  from: End;
  to: End;
  expected: Outcome;
  /** The rule that decides on `layer` (the built-in one when the own node is allowed). */
  rule?: string;
}

function verdict(c: Case) {
  const objects = toManifests([...cluster, ...(c.withNode ? [nodeObject] : []), ...c.policies]);
  const inventory = buildInventory(objects).value;
  const ev = createEvaluator(inventory, objects).value;
  const end = (e: End): Endpoint => {
    if (e.startsWith('ip:')) return { kind: 'ip', ip: e.slice(3) };
    const p = inventory.pods.find((x) => x.name === e.slice(4));
    if (!p) throw new Error(`no pod ${e}`);
    return { kind: 'pod', pod: p };
  };
  return ev.evaluate({ source: end(c.from), destination: end(c.to), port: 8080, protocol: 'TCP' });
}

const layerCases: { layer: 'network' | 'cilium' | 'calico'; cases: Case[] }[] = [
  {
    layer: 'network',
    cases: [
      { name: 'ingress from the pod\'s node', policies: [denyAll], from: `ip:${NODE_A}`, to: 'pod:web-1', expected: 'allowed', rule: 'Kubernetes/own-node' },
      { name: 'ingress from a host-network pod on the pod\'s node', policies: [denyAll], from: 'pod:node-agent', to: 'pod:web-1', expected: 'allowed', rule: 'Kubernetes/own-node' },
      { name: 'ingress from another address of the pod\'s node', policies: [denyAll], withNode: true, from: 'ip:198.51.100.7', to: 'pod:web-1', expected: 'allowed', rule: 'Kubernetes/own-node' },
      { name: 'egress to the pod\'s node', policies: [denyAll], from: 'pod:web-1', to: `ip:${NODE_A}`, expected: 'allowed', rule: 'Kubernetes/own-node' },
      { name: 'ingress from ANOTHER node stays denied', policies: [denyAll], from: `ip:${NODE_B}`, to: 'pod:web-1', expected: 'denied', rule: 'NetworkPolicy/shop/deny-all' },
      { name: 'ingress from node-a to the pod on node-b stays denied', policies: [denyAll], from: `ip:${NODE_A}`, to: 'pod:web-2', expected: 'denied', rule: 'NetworkPolicy/shop/deny-all' },
      { name: 'egress to ANOTHER node stays denied', policies: [denyAll], from: 'pod:web-1', to: `ip:${NODE_B}`, expected: 'denied', rule: 'NetworkPolicy/shop/deny-all' },
      { name: 'the admin tier decides before the exemption (egress to nodes denied)', policies: [denyAll, adminDenyNodes], withNode: true, from: 'pod:web-1', to: `ip:${NODE_A}`, expected: 'denied', rule: 'AdminNetworkPolicy/no-nodes#egress[0].to[0]' },
      { name: 'not isolated: still the built-in rule that allows it', policies: [], from: `ip:${NODE_A}`, to: 'pod:web-1', expected: 'allowed', rule: 'Kubernetes/own-node' },
    ],
  },
  {
    layer: 'cilium',
    cases: [
      { name: 'ingress from the endpoint\'s node (identity host)', policies: [ciliumDefaultDeny, denyAll], from: `ip:${NODE_A}`, to: 'pod:web-1', expected: 'allowed', rule: 'Cilium/allow-localhost' },
      { name: 'ingress from a host-network pod on the endpoint\'s node', policies: [ciliumDefaultDeny], from: 'pod:node-agent', to: 'pod:web-1', expected: 'allowed', rule: 'Cilium/allow-localhost' },
      { name: 'ingress from ANOTHER node (remote-node) stays denied', policies: [ciliumDefaultDeny], from: `ip:${NODE_B}`, to: 'pod:web-1', expected: 'denied', rule: 'CiliumNetworkPolicy/shop/default-deny' },
      { name: 'egress to the endpoint\'s node is policed', policies: [ciliumDefaultDeny], from: 'pod:web-1', to: `ip:${NODE_A}`, expected: 'denied', rule: 'CiliumNetworkPolicy/shop/default-deny' },
      { name: 'a deny rule for the host still wins', policies: [ciliumDefaultDeny, ciliumDenyHost], from: `ip:${NODE_A}`, to: 'pod:web-1', expected: 'denied', rule: 'CiliumNetworkPolicy/shop/deny-host#ingressDeny[0].fromEntities[0]' },
    ],
  },
  {
    layer: 'calico',
    cases: [
      { name: 'ingress from the workload\'s node', policies: [calicoDenyAll, denyAll], from: `ip:${NODE_A}`, to: 'pod:web-1', expected: 'allowed', rule: 'Calico/host-to-local-workload' },
      { name: 'ingress from its node, even past a Deny rule naming the node', policies: [calicoDenyNodeA, calicoDenyAll], from: `ip:${NODE_A}`, to: 'pod:web-1', expected: 'allowed', rule: 'Calico/host-to-local-workload' },
      { name: 'ingress from ANOTHER node stays denied', policies: [calicoDenyAll], from: `ip:${NODE_B}`, to: 'pod:web-1', expected: 'denied', rule: 'GlobalNetworkPolicy/deny-all' },
      { name: 'egress to the workload\'s node is policed', policies: [calicoDenyAll], from: 'pod:web-1', to: `ip:${NODE_A}`, expected: 'denied', rule: 'GlobalNetworkPolicy/deny-all' },
    ],
  },
];

describe.each(layerCases)('the pod\'s own node on the $layer layer', ({ layer, cases }) => {
  test.each(cases)('$name: $from -> $to is $expected', (c) => {
    const v = verdict(c);
    const d = v.layers.find((l) => l.layer === layer);
    expect(d, v.summary).toBeDefined();
    expect(d!.outcome, d!.reason).toBe(c.expected);
    if (c.rule) expect(d!.rules.map(formatRuleRef)).toContain(c.rule);
    if (c.expected === 'allowed') {
      // The built-in rule decides explicitly, and says so: an edge it carries is allowed, not unprotected.
      expect(d!.basis).toBe('explicit');
      expect(d!.rules.every((r) => r.builtin)).toBe(true);
      expect(d!.reason).toMatch(/node-a|own node|local host/);
    }
  });
});
