// The matrix fast path (bit sets over all pods) must agree with the pair-by-pair evaluator on any policy set.
// Property test over random NetworkPolicies and Admin/Baseline ClusterNetworkPolicies on the upstream e2e model
// (plus a host-network pod, a pod on the same node, and a stand-in pod without IP).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import type { Protocol } from '../model';
import { computeMatrix, createEvaluator } from './index';
import { E2E_PROTOCOLS, e2eCluster, netpol, toManifests } from './testing/e2e-model';

type Raw = Record<string, unknown>;
const extraPods: Raw[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'host', namespace: 'y', labels: { pod: 'a' } }, spec: { hostNetwork: true, nodeName: 'node-1', containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] }, status: { podIP: '172.16.0.5', hostIP: '172.16.0.5' } },
  // On the host pod's node: their traffic both ways is node traffic for it (NetworkPolicy's own-node rule).
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'local', namespace: 'x', labels: { pod: 'c' } }, spec: { nodeName: 'node-1', containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] }, status: { podIP: '192.168.1.99', hostIP: '172.16.0.5' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'tmpl', namespace: 'z' }, spec: { template: { metadata: { labels: { pod: 'b' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 81, name: 'serve-81-tcp' }] }] } } } },
];

const labelSel = fc.oneof(
  fc.constant({}),
  fc.constantFrom('a', 'b', 'c').map((p) => ({ matchLabels: { pod: p } })),
  fc.subarray(['a', 'b', 'c'], { minLength: 1 }).map((v) => ({ matchExpressions: [{ key: 'pod', operator: 'In', values: v }] })),
  fc.subarray(['a', 'b', 'c'], { minLength: 1 }).map((v) => ({ matchExpressions: [{ key: 'pod', operator: 'NotIn', values: v }] })),
);
const nsSel = fc.oneof(
  fc.constant({}),
  fc.constantFrom('x', 'y', 'z').map((n) => ({ matchLabels: { ns: n } })),
  fc.subarray(['x', 'y', 'z'], { minLength: 1 }).map((v) => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: v }] })),
);
const peer = fc.oneof(
  labelSel.map((p) => ({ podSelector: p })),
  nsSel.map((n) => ({ namespaceSelector: n })),
  fc.tuple(nsSel, labelSel).map(([n, p]) => ({ namespaceSelector: n, podSelector: p })),
  fc.constantFrom(
    { ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.2.0/24'] } },
    { ipBlock: { cidr: '192.168.1.11/32' } },
    { ipBlock: { cidr: '172.16.0.0/24' } },
    { ipBlock: { cidr: '0.0.0.0/0' } },
  ),
);
const port = fc.oneof(
  fc.constant({}),
  fc.constantFrom(80, 81).map((p) => ({ port: p })),
  fc.tuple(fc.constantFrom(80, 81), fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP')).map(([p, protocol]) => ({ port: p, protocol })),
  fc.constantFrom('serve-80-tcp', 'serve-81-udp', 'serve-81-tcp').map((p) => ({ port: p, protocol: p.endsWith('udp') ? 'UDP' : 'TCP' })),
  fc.constant({ port: 80, endPort: 81 }),
  fc.constantFrom<Protocol>('UDP', 'SCTP').map((protocol) => ({ protocol })),
);
const npRule = (key: 'from' | 'to') =>
  fc.record({ peers: fc.option(fc.array(peer, { maxLength: 2 }), { nil: undefined }), ports: fc.option(fc.array(port, { maxLength: 2 }), { nil: undefined }) }).map((r) => ({
    ...(r.peers ? { [key]: r.peers } : {}),
    ...(r.ports ? { ports: r.ports } : {}),
  }));
const networkPolicy = fc
  .record({
    ns: fc.constantFrom('x', 'y', 'z'),
    podSelector: labelSel,
    types: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
    ingress: fc.option(fc.array(npRule('from'), { maxLength: 2 }), { nil: undefined }),
    egress: fc.option(fc.array(npRule('to'), { maxLength: 2 }), { nil: undefined }),
  })
  .map((p) => netpol(p.ns, 'unnamed', { podSelector: p.podSelector, ...(p.types ? { policyTypes: p.types } : {}), ...(p.ingress ? { ingress: p.ingress } : {}), ...(p.egress ? { egress: p.egress } : {}) }));

const cnpPeer = fc.oneof(
  nsSel.map((n) => ({ namespaces: n })),
  fc.tuple(nsSel, labelSel).map(([n, p]) => ({ pods: { namespaceSelector: n, podSelector: p } })),
  fc.constantFrom({ networks: ['192.168.1.0/24'] }, { networks: ['0.0.0.0/0'] }, { networks: ['172.16.0.5/32'] }),
);
const cnpProtocols = fc.option(
  fc.array(fc.oneof(fc.constantFrom({ tcp: { destinationPort: { number: 80 } } }, { udp: {} }, { sctp: { destinationPort: { range: { start: 80, end: 81 } } } }, { destinationNamedPort: 'serve-81-tcp' })), { minLength: 1, maxLength: 2 }),
  { nil: undefined },
);
const cnpRule = (key: 'from' | 'to') =>
  fc.record({ action: fc.constantFrom('Accept', 'Deny', 'Pass'), peers: fc.array(key === 'from' ? cnpPeer.filter((p) => !('networks' in p)) : cnpPeer, { minLength: 1, maxLength: 2 }), protocols: cnpProtocols }).map((r) => ({
    action: r.action,
    [key]: r.peers,
    ...(r.protocols ? { protocols: r.protocols } : {}),
  }));
const clusterPolicy = fc
  .record({
    tier: fc.constantFrom('Admin', 'Baseline'),
    priority: fc.integer({ min: 0, max: 1000 }),
    subject: fc.oneof(nsSel.map((n) => ({ namespaces: n })), fc.tuple(nsSel, labelSel).map(([n, p]) => ({ pods: { namespaceSelector: n, podSelector: p } }))),
    ingress: fc.array(cnpRule('from'), { maxLength: 3 }),
    egress: fc.array(cnpRule('to'), { maxLength: 3 }),
  })
  .map((p) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'unnamed' }, spec: p }));

/** Unique names, so explanations stay readable (the generator cannot number its values). */
const named = (objs: Raw[], prefix: string) => objs.map((o, i) => ({ ...o, metadata: { ...(o.metadata as Raw), name: `${prefix}-${i}` } }));

describe('computeMatrix', () => {
  test('agrees with evaluate() on every pair for random policies', () => {
    fc.assert(
      fc.property(fc.array(networkPolicy, { maxLength: 5 }), fc.array(clusterPolicy, { maxLength: 3 }), (nps, cnps) => {
        const objects = toManifests([...e2eCluster(), ...extraPods, ...named(nps, 'np'), ...named(cnps, 'cnp')]);
        const inventory = buildInventory(objects).value;
        const ev = createEvaluator(inventory, objects).value;
        const ports = [80, 81].flatMap((p) => E2E_PROTOCOLS.map((protocol) => ({ port: p, protocol })));
        const m = computeMatrix(inventory, ev, { ports });
        for (let s = 0; s < m.pods.length; s++) {
          for (let t = 0; t < m.targets.length; t++) {
            const target = m.targets[t]!;
            const v = ev.evaluate({ source: { kind: 'pod', pod: m.pods[s]! }, destination: { kind: 'pod', pod: m.pods[target.pod]! }, port: target.port, protocol: target.protocol });
            if (v.allowed !== m.isAllowed(s, t)) {
              throw new Error(`${m.pods[s]!.namespace}/${m.pods[s]!.name} -> ${m.pods[target.pod]!.namespace}/${m.pods[target.pod]!.name} ${target.port}/${target.protocol}: evaluate ${v.verdict} (${v.summary}), matrix ${m.isAllowed(s, t)}`);
            }
          }
        }
      }),
      { numRuns: 150, seed: 20260312 },
    );
  });

  test('without explicit ports, targets are the container ports each pod exposes', () => {
    const objects = toManifests([...e2eCluster(), ...extraPods]);
    const inventory = buildInventory(objects).value;
    const m = computeMatrix(inventory, createEvaluator(inventory, objects).value);
    expect(m.targets.filter((t) => m.pods[t.pod]!.name === 'a' && m.pods[t.pod]!.namespace === 'x').map((t) => `${t.port}/${t.protocol}`)).toEqual(['80/TCP', '80/UDP', '80/SCTP', '81/TCP', '81/UDP', '81/SCTP']);
    expect(m.entries()).toHaveLength(m.pods.length * m.targets.length);
  });
});
