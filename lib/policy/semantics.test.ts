// One table per semantic rule of the network layer, on the upstream e2e model (x, y, z / a, b, c).
// Sources: https://kubernetes.io/docs/concepts/services-networking/network-policies/ and
// https://github.com/kubernetes-sigs/network-policy-api/blob/main/apis/v1alpha2/clusternetworkpolicy_types.go
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import { formatRuleRef, type Protocol } from '../model';
import { answerReachQuery, createEvaluator } from './index';
import { e2eCluster, netpol, podIp, toManifests } from './testing/e2e-model';

type Raw = Record<string, unknown>;
interface Case {
  name: string;
  extra?: Raw[];
  policies: Raw[];
  from: string;
  to: string;
  port: number | string;
  protocol?: Protocol;
  expected: 'allowed' | 'denied';
}

function ask(objects: Raw[], q: { from: string; to: string; port: number | string; protocol?: Protocol }) {
  const manifests = toManifests(objects);
  const inventory = buildInventory(manifests).value;
  const ev = createEvaluator(inventory, manifests);
  const r = answerReachQuery(inventory, ev.value, q);
  if (!r.ok) throw new Error(r.error);
  return { answer: r.value, diagnostics: ev.diagnostics };
}

const anp = (name: string, priority: number, spec: Raw): Raw => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, ...spec } });
const banp = (spec: Raw, name = 'default'): Raw => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name }, spec });
const cnp = (name: string, tier: 'Admin' | 'Baseline', priority: number, spec: Raw): Raw => ({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, ...spec } });
const nsX = { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } };
const fromNs = (ns: string) => ({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
const hostPod: Raw = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'node-agent', namespace: 'x', labels: { pod: 'agent' } },
  spec: { hostNetwork: true, nodeName: 'node-1', containers: [{ name: 'agent', ports: [{ containerPort: 9100, name: 'metrics' }] }] },
  status: { podIP: '172.16.0.1', hostIP: '172.16.0.1' },
};
const node: Raw = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'node-role.kubernetes.io/worker': '' } }, status: { addresses: [{ type: 'InternalIP', address: '172.16.0.1' }] } };
// Two pods of one Deployment whose container port "http" has different numbers, plus a pod with no declared port.
const splitDeployment: Raw[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'y' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080, name: 'http' }] }] } } } },
  ...[
    ['web-6d4cf56db6-aaaaa', 8080, '192.168.2.50', 'stable'],
    ['web-6d4cf56db6-bbbbb', 9090, '192.168.2.51', 'canary'],
  ].map(([name, port, ip, track]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'y', labels: { app: 'web', track }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-6d4cf56db6', controller: true }] },
    spec: { containers: [{ name: 'c', ports: [{ containerPort: port, name: 'http' }] }] },
    status: { podIP: ip },
  })),
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'portless', namespace: 'y', labels: { app: 'portless' } }, spec: { containers: [{ name: 'c' }] }, status: { podIP: '192.168.2.60' } },
];

const cases: Case[] = [
  // policyTypes defaulting (k8s pkg/apis/networking/v1/defaults.go)
  { name: 'no policyTypes + egress rules: Ingress is isolated too', policies: [netpol('x', 'p', { podSelector: {}, egress: [{}] })], from: 'y/a', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'no policyTypes + egress: [] : Egress is not isolated', policies: [netpol('x', 'p', { podSelector: {}, egress: [], ingress: [{}] })], from: 'x/a', to: 'y/a', port: 80, expected: 'allowed' },
  { name: 'policyTypes [Egress] only: Ingress is not isolated', policies: [netpol('x', 'p', { podSelector: {}, policyTypes: ['Egress'] })], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
  // empty vs absent selectors and peers
  { name: 'ingress rule without from admits an external IP', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })], from: 'ip:203.0.113.9', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'namespaceSelector {} admits every pod but not an external IP', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })], from: 'ip:203.0.113.9', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'namespaceSelector {} admits pods of other namespaces', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })], from: 'z/c', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'podSelector {} admits only the policy namespace', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })], from: 'y/a', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'ingress: [] (no rule) denies everything', policies: [netpol('x', 'p', { podSelector: {}, ingress: [] })], from: 'x/b', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'ports: [] matches all ports', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }], ports: [] }] })], from: 'x/b', to: 'x/a', port: 81, protocol: 'SCTP', expected: 'allowed' },
  // matchExpressions operators
  { name: 'Exists', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'Exists' }] } }] }] })], from: 'x/b', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'DoesNotExist', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'DoesNotExist' }] } }] }] })], from: 'x/b', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'NotIn matches pods without the label', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['red'] }] } }] }] })], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
  // ipBlock applies to pod IPs
  { name: 'ipBlock admits a pod by IP', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: `${podIp('y', 'b')}/32` } }] }] })], from: 'y/b', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'ipBlock except removes a pod IP', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.2.0/24'] } }] }] })], from: 'y/b', to: 'x/a', port: 80, expected: 'denied' },
  // ports
  { name: 'protocol defaults to TCP: UDP is not admitted', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })], from: 'y/a', to: 'x/a', port: 80, protocol: 'UDP', expected: 'denied' },
  { name: 'named port with protocol SCTP', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-sctp', protocol: 'SCTP' }] }] })], from: 'y/a', to: 'x/a', port: 81, protocol: 'SCTP', expected: 'allowed' },
  { name: 'named port of another protocol does not match', policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-sctp' }] }] })], from: 'y/a', to: 'x/a', port: 81, protocol: 'TCP', expected: 'denied' },
  { name: 'named egress port is resolved at the destination pod', policies: [netpol('y', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })], extra: splitDeployment, from: 'y/a', to: 'y/web-6d4cf56db6-bbbbb', port: 9090, expected: 'allowed' },
  { name: 'a pod that declares no port still receives on any port', policies: [], extra: splitDeployment, from: 'y/a', to: 'y/portless', port: 31337, expected: 'allowed' },
  // host-network pods (https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods)
  { name: 'a host-network pod is not selected by a namespace deny-all', policies: [netpol('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })], extra: [hostPod, node], from: 'y/a', to: 'x/node-agent', port: 9100, expected: 'allowed' },
  { name: 'a host-network pod is not matched by podSelector peers', policies: [netpol('y', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })], extra: [hostPod, node], from: 'x/node-agent', to: 'y/a', port: 80, expected: 'denied' },
  { name: 'a host-network pod is matched by an ipBlock of its node IP', policies: [netpol('y', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '172.16.0.0/24' } }] }] })], extra: [hostPod, node], from: 'x/node-agent', to: 'y/a', port: 80, expected: 'allowed' },
  // AdminNetworkPolicy v1alpha1 / BaselineAdminNetworkPolicy
  { name: 'ANP Deny beats a NetworkPolicy allow', policies: [anp('d', 5, { subject: nsX, ingress: [{ name: 'd', action: 'Deny', from: [fromNs('y')] }] }), netpol('x', 'allow', { podSelector: {}, ingress: [{}] })], from: 'y/a', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'ANP Allow beats a NetworkPolicy deny', policies: [anp('a', 5, { subject: nsX, ingress: [{ name: 'a', action: 'Allow', from: [fromNs('y')] }] }), netpol('x', 'deny', { podSelector: {}, ingress: [] })], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'ANP lower priority number wins', policies: [anp('late', 20, { subject: nsX, ingress: [{ action: 'Allow', from: [fromNs('y')] }] }), anp('early', 10, { subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')] }] })], from: 'y/a', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'ANP Pass skips lower ANPs, NetworkPolicy decides', policies: [anp('pass', 1, { subject: nsX, ingress: [{ action: 'Pass', from: [fromNs('y')] }] }), anp('deny', 2, { subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')] }] })], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'ANP Pass then BANP Deny when no NetworkPolicy selects the pod', policies: [anp('pass', 1, { subject: nsX, ingress: [{ action: 'Pass', from: [fromNs('y')] }] }), banp({ subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')] }] })], from: 'y/a', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'BANP is overridden by a NetworkPolicy selecting the pod', policies: [banp({ subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')] }] }), netpol('x', 'allow', { podSelector: {}, ingress: [{}] })], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'BANP not named "default" is rejected (ignored)', policies: [banp({ subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')] }] }, 'other')], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'ANP namedPort is resolved at the subject pod', policies: [anp('d', 1, { subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')], ports: [{ namedPort: 'serve-80-udp' }] }] })], from: 'y/a', to: 'x/a', port: 80, protocol: 'UDP', expected: 'denied' },
  { name: 'ANP portRange', policies: [anp('d', 1, { subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')], ports: [{ portRange: { protocol: 'TCP', start: 81, end: 90 } }] }] })], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'ANP egress nodes peer matches a host-network pod', policies: [anp('d', 1, { subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }, egress: [{ action: 'Deny', to: [{ nodes: { matchExpressions: [{ key: 'node-role.kubernetes.io/worker', operator: 'Exists' }] } }] }] })], extra: [hostPod, node], from: 'y/a', to: 'x/node-agent', port: 9100, expected: 'denied' },
  { name: 'ANP egress networks peer matches an external IP', policies: [anp('d', 1, { subject: nsX, egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] })], from: 'x/a', to: 'ip:1.1.1.1', port: 443, expected: 'denied' },
  { name: 'ANP egress Allow does not bypass the destination NetworkPolicy ingress', policies: [anp('a', 1, { subject: nsX, egress: [{ action: 'Allow', to: [fromNs('y')] }] }), netpol('y', 'deny', { podSelector: {}, ingress: [] })], from: 'x/a', to: 'y/a', port: 80, expected: 'denied' },
  // ClusterNetworkPolicy v1alpha2
  { name: 'CNP Baseline Pass falls to default allow', policies: [cnp('b1', 'Baseline', 1, { subject: nsX, ingress: [{ action: 'Pass', from: [fromNs('y')] }] }), cnp('b2', 'Baseline', 2, { subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')] }] })], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
  { name: 'CNP protocols tcp without destinationPort matches all TCP ports', policies: [cnp('d', 'Admin', 1, { subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')], protocols: [{ tcp: {} }] }] })], from: 'y/a', to: 'x/a', port: 81, expected: 'denied' },
  { name: 'CNP destinationPort range', policies: [cnp('d', 'Admin', 1, { subject: nsX, ingress: [{ action: 'Deny', from: [fromNs('y')], protocols: [{ udp: { destinationPort: { range: { start: 80, end: 81 } } } }] }] })], from: 'y/a', to: 'x/a', port: 81, protocol: 'UDP', expected: 'denied' },
  { name: 'CNP Deny with an empty (unknown) peer fails closed: denies all', policies: [cnp('d', 'Admin', 1, { subject: nsX, ingress: [{ action: 'Deny', from: [{}] }] })], from: 'z/c', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'CNP Accept with an empty (unknown) peer fails closed: matches nothing', policies: [cnp('a', 'Admin', 1, { subject: nsX, ingress: [{ action: 'Accept', from: [{}] }] }), netpol('x', 'deny', { podSelector: {}, ingress: [] })], from: 'z/c', to: 'x/a', port: 80, expected: 'denied' },
  { name: 'CNP subject pods: selector AND namespace', policies: [cnp('d', 'Admin', 1, { subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { pod: 'b' } } } }, ingress: [{ action: 'Deny', from: [fromNs('y')] }] })], from: 'y/a', to: 'x/a', port: 80, expected: 'allowed' },
];

describe('network layer semantics', () => {
  test.each(cases)('$name', ({ policies, extra, from, to, port, protocol, expected }) => {
    const { answer } = ask([...e2eCluster(), ...(extra ?? []), ...policies], { from, to, port, ...(protocol ? { protocol } : {}) });
    expect(answer.verdict).toBe(expected);
  });
});

describe('explanations', () => {
  test('not isolated: basis default, no rules, reason says so', () => {
    const { answer } = ask(e2eCluster(), { from: 'x/a', to: 'y/b', port: 80 });
    expect(answer.explanation.layers).toEqual([
      expect.objectContaining({
        layer: 'network',
        outcome: 'allowed',
        basis: 'default',
        rules: [],
        directions: [
          expect.objectContaining({ direction: 'egress', isolated: false, basis: 'default', reason: 'not isolated for egress: allowed by default' }),
          expect.objectContaining({ direction: 'ingress', isolated: false, basis: 'default', reason: 'not isolated for ingress: allowed by default' }),
        ],
      }),
    ]);
    expect(answer.explanation.summary).toBe('network: allowed by default (not isolated)');
  });

  test('summary names the allowing rule; the rule without peers is a wildcard', () => {
    const { answer } = ask([...e2eCluster(), netpol('y', 'allow-gw', { podSelector: {}, ingress: [{}] })], { from: 'x/a', to: 'y/b', port: 80 });
    expect(answer.explanation.summary).toBe('network: allowed by NetworkPolicy/y/allow-gw#ingress[0]');
    expect(answer.explanation.layers[0]?.rules).toEqual([{ kind: 'NetworkPolicy', namespace: 'y', name: 'allow-gw', path: 'ingress[0]', wildcard: true }]);
  });

  test('pods of one workload that disagree are reported', () => {
    const deny = netpol('y', 'deny-canary', { podSelector: { matchLabels: { track: 'canary' } }, policyTypes: ['Ingress'] });
    const { answer } = ask([...e2eCluster(), ...splitDeployment, deny], { from: 'x/a', to: 'y/web', port: 'http' });
    expect(answer.consistent).toBe(false);
    expect(answer.verdict).toBe('denied');
    expect(answer.pairs.map((p) => [p.to, p.port, p.verdict.verdict])).toEqual([
      ['y/web-6d4cf56db6-aaaaa', 8080, 'allowed'],
      ['y/web-6d4cf56db6-bbbbb', 9090, 'denied'],
    ]);
    expect(answer.note).toMatch(/pods disagree: 1 of 2/);
    expect(answer.explanation.layers[0]?.rules.map(formatRuleRef)).toEqual(['NetworkPolicy/y/deny-canary']);
  });
});

describe('ClusterNetworkPolicy domainNames (egress Accept by DNS name)', () => {
  const policies = [
    cnp('fqdn', 'Admin', 1, { subject: nsX, egress: [{ action: 'Accept', to: [{ domainNames: ['*.example.com'] }] }, { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] }),
  ];
  test('an outside address is conditional on DNS when the fallback denies', () => {
    const { answer } = ask([...e2eCluster(), ...policies], { from: 'x/a', to: 'ip:93.184.216.34', port: 443 });
    expect(answer.verdict).toBe('conditional');
    expect(answer.explanation.layers[0]).toMatchObject({ outcome: 'conditional', basis: 'delegated', rules: [{ kind: 'ClusterNetworkPolicy', name: 'fqdn', path: 'egress[0].to[0]' }] });
    expect(answer.explanation.layers[0]?.conditions?.[0]).toMatch(/only if 93\.184\.216\.34 is an address of \*\.example\.com; otherwise .*denied by ClusterNetworkPolicy\/fqdn#egress\[1\]/);
  });
  test('a pod never matches a domain name: the next rule decides', () => {
    const { answer } = ask([...e2eCluster(), ...policies], { from: 'x/a', to: 'y/a', port: 80 });
    expect(answer.verdict).toBe('denied');
  });
  test('when the fallback allows anyway, the answer is allowed', () => {
    const open = cnp('fqdn', 'Admin', 1, { subject: nsX, egress: [{ action: 'Accept', to: [{ domainNames: ['example.com'] }] }] });
    const { answer } = ask([...e2eCluster(), open], { from: 'x/a', to: 'ip:93.184.216.34', port: 443 });
    expect(answer.verdict).toBe('allowed');
  });
});

describe('bad policies are diagnostics, the rest is still evaluated', () => {
  test('a selector field that LabelSelector does not have is a warning (it would be pruned, widening the selector)', () => {
    const old = anp('old-shape', 1, { subject: { namespaces: { namespaceSelector: { matchLabels: { ns: 'x' } } } }, ingress: [{ action: 'Deny', from: [fromNs('y')] }] });
    const { answer, diagnostics } = ask([...e2eCluster(), old], { from: 'y/a', to: 'z/a', port: 80 });
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'ignored-field', message: expect.stringMatching(/spec\.subject\.namespaces: ignored unknown field\(s\) namespaceSelector; the selector is empty and matches everything/) })]);
    expect(answer.verdict).toBe('denied');
  });

  test.each([
    ['unknown operator', { podSelector: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] } }, /unknown operator "Equals"/],
    ['In without values', { podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } }, /needs at least one value/],
    ['Exists with values', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } }] }] }, /takes no values/],
    ['invalid CIDR', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] }, /invalid CIDR/],
    ['CIDR without prefix length', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.1' } }] }] }, /invalid CIDR/],
    ['ipBlock with podSelector', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }, /ipBlock cannot be combined/],
    ['empty peer', { podSelector: {}, ingress: [{ from: [{}] }] }, /a peer needs/],
    ['endPort with named port', { podSelector: {}, ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] }, /endPort/],
    ['unknown protocol', { podSelector: {}, ingress: [{ ports: [{ port: 80, protocol: 'ICMP' }] }] }, /unsupported protocol/],
  ])('%s', (_n, badSpec, message) => {
    const objects = toManifests([...e2eCluster(), netpol('x', 'bad', badSpec), netpol('y', 'deny', { podSelector: {}, ingress: [] })], 'policies.yaml');
    const inventory = buildInventory(objects).value;
    const ev = createEvaluator(inventory, objects);
    const errors = ev.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'invalid-policy', file: 'policies.yaml' });
    expect(errors[0]?.line).toBeGreaterThan(0);
    expect(errors[0]?.message).toMatch(message);
    // the bad policy is ignored, the good one still applies
    const r = answerReachQuery(inventory, ev.value, { from: 'x/a', to: 'y/a', port: 80 });
    expect(r.ok && r.value.verdict).toBe('denied');
  });

  test('unknown kinds are info diagnostics, once per kind', () => {
    const widget = (name: string) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name } });
    const objects = toManifests([...e2eCluster(), widget('w1'), widget('w2'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'x' } }]);
    const ev = createEvaluator(buildInventory(objects).value, objects);
    expect(ev.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['info', 'ignored-kind', 'ignored kind Widget (example.com/v1, 2 objects)'],
      ['info', 'ignored-kind', 'ignored kind ConfigMap (v1)'],
    ]);
  });
});
