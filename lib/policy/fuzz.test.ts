// Property-based fuzzing of every policy family's parser through createEvaluator (issue 10):
// arbitrary specs built from each family's own vocabulary never make building the evaluator or
// computing the reachability matrix throw; problems come back as diagnostics.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import { computeMatrix, createEvaluator } from './index';
import { e2eCluster, toManifests } from './testing/e2e-model';

/** apiVersion and kind of every policy object the engine reads. */
const KINDS: [string, string][] = [
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy'],
  ['policy.networking.k8s.io/v1alpha1', 'BaselineAdminNetworkPolicy'],
  ['security.istio.io/v1', 'AuthorizationPolicy'],
  ['security.istio.io/v1', 'PeerAuthentication'],
  ['policy.linkerd.io/v1beta3', 'Server'],
  ['policy.linkerd.io/v1alpha1', 'AuthorizationPolicy'],
  ['policy.linkerd.io/v1beta1', 'ServerAuthorization'],
  ['policy.linkerd.io/v1alpha1', 'MeshTLSAuthentication'],
  ['policy.linkerd.io/v1alpha1', 'NetworkAuthentication'],
  ['cilium.io/v2', 'CiliumNetworkPolicy'],
  ['cilium.io/v2', 'CiliumClusterwideNetworkPolicy'],
  ['projectcalico.org/v3', 'NetworkPolicy'],
  ['projectcalico.org/v3', 'GlobalNetworkPolicy'],
  ['projectcalico.org/v3', 'GlobalNetworkSet'],
  ['projectcalico.org/v3', 'Tier'],
];

/** Field names and values the families use, so generated specs reach past the first type check. */
const KEY = fc.constantFrom(
  'podSelector', 'namespaceSelector', 'ingress', 'egress', 'from', 'to', 'ports', 'port', 'endPort', 'protocol', 'ipBlock', 'cidr', 'except',
  'matchLabels', 'matchExpressions', 'key', 'operator', 'values', 'policyTypes', 'subject', 'pods', 'namespaces', 'priority', 'action', 'name',
  'rules', 'selector', 'order', 'types', 'source', 'destination', 'nets', 'notNets', 'serviceAccounts', 'toPorts', 'fromEndpoints', 'toEndpoints',
  'endpointSelector', 'toCIDR', 'fromCIDR', 'toCIDRSet', 'fromEntities', 'toEntities', 'mtls', 'mode', 'principals', 'notPrincipals', 'methods',
  'paths', 'when', 'targetRef', 'requiredAuthenticationRefs', 'identities', 'networks', 'client', 'unauthenticated', 'proxyProtocol', 'tier',
  'portNumber', 'namedPort', 'networkPolicy', 'sameLabels', 'notSelector', 'applyOnForward', 'doNotTrack', 'l7', 'http', 'kind', 'group',
);
const SCALAR = fc.oneof(
  fc.constantFrom('Allow', 'Deny', 'Pass', 'Log', 'ALLOW', 'DENY', 'AUDIT', 'CUSTOM', 'Ingress', 'Egress', 'TCP', 'UDP', 'SCTP', 'In', 'NotIn', 'Exists', 'DoesNotExist', 'STRICT', 'PERMISSIVE', 'world', 'cluster', "app == 'a'", 'all()', 'has(pod)', '10.0.0.0/8', '192.168.1.10/32', '::/0', '0.0.0.0/0', '300.1.1.1/99', 'serve-80-tcp', '*', 'x', 'a', 'pod', 'ns', 'http'),
  fc.integer({ min: -5, max: 70_000 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 6 }),
);
const { value: specValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 5 }, SCALAR, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(KEY, tie('value'), { maxKeys: 5 })),
}));

const policy = fc.record({
  kindIndex: fc.nat({ max: KINDS.length - 1 }),
  name: fc.constantFrom('p1', 'p2', 'default', 'x'),
  namespace: fc.constantFrom('x', 'y', 'z', undefined),
  spec: fc.dictionary(KEY, specValue, { maxKeys: 6 }),
});

const cluster = e2eCluster();

describe('createEvaluator never throws', () => {
  test('on arbitrary policies of every family, and the matrix computes', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(policy, { minLength: 1, maxLength: 4 }), (policies) => {
        const raw = policies.map((p) => {
          const [apiVersion, kind] = KINDS[p.kindIndex]!;
          return { apiVersion, kind, metadata: { name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}) }, spec: p.spec };
        });
        const objects = toManifests([...cluster, ...raw]);
        const inventory = buildInventory(objects).value;
        const ev = createEvaluator(inventory, objects);
        for (const d of ev.diagnostics) expect(['error', 'warning', 'info']).toContain(d.severity);
        const matrix = computeMatrix(inventory, ev.value, { ports: [{ port: 80, protocol: 'TCP' }] });
        expect(typeof matrix.isAllowed(0, 0)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  test.each(KINDS)('on a %s %s whose spec is any JSON', { timeout: 120_000 }, (apiVersion, kind) => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (spec) => {
        const objects = toManifests([...cluster, { apiVersion, kind, metadata: { name: 'fuzz', namespace: 'x' }, spec }]);
        const inventory = buildInventory(objects).value;
        const ev = createEvaluator(inventory, objects);
        expect(computeMatrix(inventory, ev.value, { ports: [{ port: 80, protocol: 'TCP' }] }).pods.length).toBe(9);
      }),
      { numRuns: 60 },
    );
  });
});
