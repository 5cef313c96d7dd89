// Table-driven port of the upstream NetworkPolicy e2e suite:
// https://github.com/kubernetes/kubernetes/blob/master/test/e2e/network/netpol/network_policy.go
// Each case is the policy of one upstream test and its truth table; loopback pairs are ignored as upstream does
// (ignoreLoopback = true, kubernetes/kubernetes#95879). Upstream's SetSpecEgressRules/SetSpecIngressRules helpers set
// policyTypes explicitly, so the policies below do too (without policyTypes, an egress rule also isolates ingress).
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import type { Protocol } from '../model/kubernetes';
import { computeMatrix, createEvaluator } from './index';
import { e2eCluster, netpol, podIp, Reachability, toManifests } from './testing/e2e-model';

interface E2ECase {
  name: string;
  policies: Record<string, unknown>[];
  port: number;
  protocol: Protocol;
  expect: (r: Reachability) => Reachability;
}

const podB = { matchLabels: { pod: 'b' } };
const podA = { matchLabels: { pod: 'a' } };
const nsIs = (ns: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } });

const cases: E2ECase[] = [
  {
    name: "should support a 'default-deny-ingress' policy",
    policies: [netpol('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({}, { ns: 'x' }, false),
  },
  {
    name: "should support a 'default-deny-all' policy",
    policies: [netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({}, { ns: 'x' }, false).expectPeer({ ns: 'x' }, {}, false),
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    policies: [netpol('x', 'x-a-allows-x-b', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: podB }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true),
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target',
    policies: [
      netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }),
      netpol('x', 'allow-all-to-a', { podSelector: podA, ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', true).expectAllIngress('x/b', false).expectAllIngress('x/c', false),
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    policies: [netpol('x', 'allow-from-another-ns', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r,
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    policies: [netpol('x', 'allow-client-a-via-ns-selector', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: nsIs('y') }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions',
    policies: [netpol('x', 'x-a-allows-x-b', { podSelector: podA, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true),
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector',
    policies: [
      netpol('x', 'allow-ns-y-match-selector', {
        podSelector: podA,
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] }] } }, { podSelector: podB }] }],
      }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expect('x/a', 'x/a', false).expect('x/c', 'x/a', false),
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector',
    policies: [
      netpol('x', 'allow-ns-y-podselector-and-nsselector', {
        podSelector: podA,
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] }] }, podSelector: podB }] }],
      }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true),
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    policies: [
      netpol('x', 'allow-ns-y-z-pod-b-c', {
        podSelector: podA,
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] }] },
                podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
              },
            ],
          },
        ],
      }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).expect('y/a', 'x/a', false).expect('z/a', 'x/a', false),
  },
  {
    name: 'should enforce policy based on any PodSelectors',
    policies: [netpol('x', 'allow-ns-x-pod-b-c', { podSelector: podA, ingress: [{ from: [{ podSelector: podB }, { podSelector: { matchLabels: { pod: 'c' } } }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true).expect('x/c', 'x/a', true),
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    policies: [netpol('x', 'allow-ns-y-pod-a', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: nsIs('y'), podSelector: podA }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', false).expect('y/a', 'x/a', true),
  },
  ...([80, 81] as const).map(
    (port): E2ECase => ({
      name: `should enforce policy based on Ports (probe ${port})`,
      policies: [netpol('x', 'allow-port-81', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [{ port: 81, protocol: 'TCP' }] }] })],
      port,
      protocol: 'TCP',
      expect: (r) => (port === 81 ? r.expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false) : r.expectAllIngress('x/a', false)),
    }),
  ),
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors (port 80 unblocked)',
    policies: [
      netpol('x', 'allow-port-81', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [{ port: 81, protocol: 'TCP' }] }] }),
      netpol('x', 'allow-port-80', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [{ port: 80, protocol: 'TCP' }] }] }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
  },
  ...([80, 81] as const).map(
    (port): E2ECase => ({
      name: `should support allow-all policy (port ${port})`,
      policies: [netpol('x', 'allow-all', { podSelector: {}, ingress: [{}] })],
      port,
      protocol: 'TCP',
      expect: (r) => r,
    }),
  ),
  ...([80, 81] as const).map(
    (port): E2ECase => ({
      name: `should allow ingress access on one named port (port ${port})`,
      policies: [netpol('x', 'allow-all', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })],
      port,
      protocol: 'TCP',
      expect: (r) => (port === 81 ? r : r.expectPeer({}, { ns: 'x' }, false)),
    }),
  ),
  ...([80, 81] as const).map(
    (port): E2ECase => ({
      name: `should allow ingress access from namespace on one named port (port ${port})`,
      policies: [netpol('x', 'allow-80', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }] })],
      port,
      protocol: 'TCP',
      expect: (r) => (port === 80 ? r.expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false) : r.expectAllIngress('x/a', false)),
    }),
  ),
  ...([80, 81] as const).map(
    (port): E2ECase => ({
      name: `should allow egress access on one named port (port ${port})`,
      policies: [netpol('x', 'allow-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })],
      port,
      protocol: 'TCP',
      expect: (r) => (port === 80 ? r : r.expectPeer({ ns: 'x' }, {}, false)),
    }),
  ),
  {
    name: 'should enforce updated policy (deny all after update: ingress: [])',
    policies: [netpol('x', 'allow-all-mutate-to-deny-all', { podSelector: {}, ingress: [] })],
    port: 81,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({}, { ns: 'x' }, false),
  },
  {
    name: 'should deny ingress from pods on other namespaces',
    policies: [netpol('x', 'deny-empty-policy', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({ ns: 'y' }, { ns: 'x' }, false).expectPeer({ ns: 'z' }, { ns: 'x' }, false),
  },
  {
    name: 'should deny egress from pods based on PodSelector',
    policies: [netpol('x', 'deny-egress-pod-a', { podSelector: podA, policyTypes: ['Egress'] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllEgress('x/a', false),
  },
  {
    name: 'should deny egress from all pods in a namespace',
    policies: [netpol('x', 'deny-egress-ns-x', { podSelector: {}, policyTypes: ['Egress'] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({ ns: 'x' }, {}, false),
  },
  ...([80, 81] as const).map(
    (port): E2ECase => ({
      name: `should work with Ingress, Egress specified together (port ${port})`,
      policies: [netpol('x', 'allow-client-a-via-pod-selector', { podSelector: podA, policyTypes: ['Egress', 'Ingress'], ingress: [{ from: [{ podSelector: podB }] }], egress: [{ ports: [{ port: 80 }] }] })],
      port,
      protocol: 'TCP',
      expect: (r) => {
        r.expectAllIngress('x/a', false);
        if (port === 81) r.expectAllEgress('x/a', false);
        return r.expect('x/b', 'x/a', true);
      },
    }),
  ),
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    policies: [
      netpol('x', 'allow-to-ns-y-pod-a', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsIs('y'), podSelector: podA }] }] }),
      netpol('y', 'allow-from-xa-on-ya', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: nsIs('x'), podSelector: podA }] }] }),
      netpol('y', 'allow-from-xa-on-yb', { podSelector: podB, ingress: [{ from: [{ namespaceSelector: nsIs('x'), podSelector: podA }] }] }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) =>
      r
        .expectPeer({ ns: 'x', pod: 'a' }, {}, false)
        .expectPeer({}, { ns: 'y', pod: 'a' }, false)
        .expectPeer({ ns: 'x', pod: 'a' }, { ns: 'y', pod: 'a' }, true)
        .expectPeer({}, { ns: 'y', pod: 'b' }, false),
  },
  ...(['TCP', 'UDP'] as const).map(
    (protocol): E2ECase => ({
      name: `should enforce ingress policy allowing any port traffic to a server on a specific protocol (${protocol})`,
      policies: [netpol('x', 'allow-ingress-by-proto', { podSelector: podA, ingress: [{ ports: [{ protocol: 'TCP' }] }] })],
      port: 80,
      protocol,
      expect: (r) => (protocol === 'TCP' ? r : r.expectPeer({}, { ns: 'x', pod: 'a' }, false)),
    }),
  ),
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    policies: [netpol('x', 'allow-ingress-port-80', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }), netpol('x', 'allow-ingress', { podSelector: {}, ingress: [{}] })],
    port: 81,
    protocol: 'TCP',
    expect: (r) => r,
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence (restrictive only)',
    policies: [netpol('x', 'allow-egress-port-80', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] })],
    port: 81,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({ ns: 'x' }, {}, false),
  },
  {
    name: 'should allow egress access to server in CIDR block',
    policies: [netpol('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${podIp('y', 'b')}/32` } }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllEgress('x/a', false).expect('x/a', 'y/b', true),
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block',
    policies: [netpol('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/16', except: [`${podIp('x', 'b')}/32`] } }] }] })],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expect('x/a', 'x/b', false),
  },
  {
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    policies: [
      netpol('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${podIp('x', 'b')}/32` } }] }] }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllEgress('x/a', false).expect('x/a', 'x/b', true),
  },
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    policies: [
      netpol('x', 'allow-egress-for-target', { podSelector: podA, policyTypes: ['Egress'], egress: [{}] }),
      netpol('x', 'deny-ingress-via-label-selector', { podSelector: podA, policyTypes: ['Ingress'] }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', false),
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP",
    policies: [
      netpol('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
      netpol('x', 'allow-only-sctp-ingress-on-port-81', { podSelector: podA, ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] }),
    ],
    port: 81,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({}, { ns: 'x' }, false),
  },
  {
    name: 'should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin does not support SCTP',
    policies: [netpol('x', 'allow-only-sctp-ingress-on-port-80', { podSelector: podA, ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] })],
    port: 81,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', false),
  },
  {
    name: 'should not allow access by TCP when a policy specifies only UDP',
    policies: [netpol('x', 'allow-only-udp-ingress-on-port-81', { podSelector: podA, ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] })],
    port: 81,
    protocol: 'TCP',
    expect: (r) => r.expectAllIngress('x/a', false),
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label (egress NotIn)',
    policies: [
      netpol('x', 'allow-ns-y-match-selector-for-immutable-ns-label', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['y'] }] } }] }],
      }),
    ],
    port: 80,
    protocol: 'TCP',
    expect: (r) => r.expectPeer({ ns: 'x', pod: 'a' }, { ns: 'y' }, false),
  },
  ...(['UDP', 'SCTP'] as const).flatMap((protocol): E2ECase[] => [
    {
      name: `${protocol}: should support a 'default-deny-ingress' policy`,
      policies: [netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] })],
      port: 80,
      protocol,
      expect: (r) => r.expectPeer({}, { ns: 'x' }, false),
    },
    {
      name: `${protocol}: should enforce policy based on Ports`,
      policies: [netpol('x', 'allow-ingress-on-port-81-ns-x', { podSelector: podA, ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [{ port: 81, protocol }] }] })],
      port: 81,
      protocol,
      expect: (r) => r.expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
    },
  ]),
  // endPort: https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports
  ...([80, 81] as const).map(
    (port): E2ECase => ({
      name: `endPort range 81-90 admits 81 but not 80 (probe ${port})`,
      policies: [netpol('x', 'range', { podSelector: podA, ingress: [{ ports: [{ port: 81, endPort: 90, protocol: 'TCP' }] }] })],
      port,
      protocol: 'TCP',
      expect: (r) => (port === 81 ? r : r.expectAllIngress('x/a', false)),
    }),
  ),
];

const cluster = e2eCluster();

describe('upstream NetworkPolicy e2e truth tables', () => {
  test.each(cases)('$name', ({ policies, port, protocol, expect: build }) => {
    const objects = toManifests([...cluster, ...policies]);
    const inventory = buildInventory(objects).value;
    const ev = createEvaluator(inventory, objects);
    expect(ev.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const want = build(new Reachability(true));
    const matrix = computeMatrix(inventory, ev.value, { ports: [{ port, protocol }] });
    const pods = inventory.pods;
    const wrong: string[] = [];
    pods.forEach((src, s) => {
      pods.forEach((dst, d) => {
        if (s === d) return; // ignoreLoopback
        const from = `${src.namespace}/${src.name}`;
        const to = `${dst.namespace}/${dst.name}`;
        const verdict = ev.value.evaluate({ source: { kind: 'pod', pod: src }, destination: { kind: 'pod', pod: dst }, port, protocol });
        const t = matrix.targets.findIndex((x) => x.pod === d);
        if (verdict.allowed !== want.get(from, to)) wrong.push(`evaluate ${from} -> ${to}: got ${verdict.verdict} (${verdict.summary})`);
        if (matrix.isAllowed(s, t) !== want.get(from, to)) wrong.push(`matrix ${from} -> ${to}: got ${matrix.isAllowed(s, t)}`);
      });
    });
    expect(wrong).toEqual([]);
  });
});
