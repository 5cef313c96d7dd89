// The policies selecting Online Boutique workloads (fixtures/boutique/policies/*.yaml, fixtures/cilium/boutique-cilium-policies.yaml),
// read from the policies themselves on every layer.
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import type { Pod } from '../model/kubernetes';
import { formatRuleRef, type SelectingPolicy } from '../model/verdict';
import { boutiqueClusterObjects } from './mesh/boutique';
import { loadObjects } from './cilium/test-support';
import { createEvaluator, policiesSelecting } from './index';

function load(files: string[], mesh: 'istio' | 'linkerd' = 'istio') {
  const objects = [...boutiqueClusterObjects(mesh), ...loadObjects(...files)];
  const inventory = buildInventory(objects).value;
  return { inventory, evaluator: createEvaluator(inventory, objects).value };
}

const podOf = (pods: readonly Pod[], workload: string): Pod => {
  const [ns, name] = workload.split('/');
  const pod = pods.find((p) => p.namespace === ns && p.workload.name === name);
  if (!pod) throw new Error(`no pod of ${workload}`);
  return pod;
};

/** `layer ref directions isolates:…`, one line per policy, in the layers' order. */
const lines = (ps: SelectingPolicy[]) => ps.map((p) => `${p.layer} ${formatRuleRef(p.ref)} ${p.directions.join('+') || '-'} isolates:${p.isolates.join('+') || '-'}`);

const NP = 'boutique/policies/networkpolicy.yaml';

describe('policiesSelecting: Online Boutique, per layer', () => {
  test.each([
    {
      name: 'NetworkPolicy: deny-all (podSelector {}) selects paymentservice next to its own policy',
      files: [NP],
      workload: 'boutique/paymentservice',
      expected: ['network NetworkPolicy/boutique/deny-all ingress+egress isolates:ingress+egress', 'network NetworkPolicy/boutique/paymentservice ingress+egress isolates:ingress+egress'],
    },
    { name: 'NetworkPolicy: nothing selects a pod of another namespace', files: [NP], workload: 'tools/netshoot-debug', expected: [] },
    {
      name: 'AdminNetworkPolicy v1alpha1: admin tier by priority, then baseline; no isolation',
      files: ['boutique/policies/adminnetworkpolicy-v1alpha1.yaml'],
      workload: 'boutique/paymentservice',
      expected: [
        'network AdminNetworkPolicy/boutique-deny-debug-tools ingress isolates:-',
        'network AdminNetworkPolicy/payment-pci-guardrail ingress isolates:-',
        'network AdminNetworkPolicy/cluster-allow-dns egress isolates:-',
        'network BaselineAdminNetworkPolicy/default ingress isolates:-',
      ],
    },
    {
      name: 'AdminNetworkPolicy v1alpha1: the PCI guardrail does not select frontend',
      files: ['boutique/policies/adminnetworkpolicy-v1alpha1.yaml'],
      workload: 'boutique/frontend',
      expected: ['network AdminNetworkPolicy/boutique-deny-debug-tools ingress isolates:-', 'network AdminNetworkPolicy/cluster-allow-dns egress isolates:-', 'network BaselineAdminNetworkPolicy/default ingress isolates:-'],
    },
    {
      name: 'ClusterNetworkPolicy v1alpha2 with NetworkPolicies: Admin tier, NetworkPolicies, Baseline tier',
      files: ['boutique/policies/clusternetworkpolicy-v1alpha2.yaml', NP],
      workload: 'boutique/paymentservice',
      expected: [
        'network ClusterNetworkPolicy/boutique-deny-debug-tools ingress isolates:-',
        'network ClusterNetworkPolicy/payment-pci-guardrail ingress isolates:-',
        'network ClusterNetworkPolicy/cluster-allow-dns egress isolates:-',
        'network NetworkPolicy/boutique/deny-all ingress+egress isolates:ingress+egress',
        'network NetworkPolicy/boutique/paymentservice ingress+egress isolates:ingress+egress',
        'network ClusterNetworkPolicy/boutique-baseline-deny ingress isolates:-',
      ],
    },
    {
      name: 'Istio: namespace-wide allow-nothing, its selector policy, the mesh-wide DENY and mesh-wide PeerAuthentication',
      files: ['boutique/policies/istio-policies.yaml'],
      workload: 'boutique/paymentservice',
      expected: [
        'istio AuthorizationPolicy/boutique/allow-nothing ingress isolates:ingress',
        'istio AuthorizationPolicy/boutique/paymentservice ingress isolates:ingress',
        'istio AuthorizationPolicy/istio-system/deny-debug-namespaces ingress isolates:-',
        'istio PeerAuthentication/istio-system/default ingress isolates:-',
      ],
    },
    {
      name: 'Istio: frontend also has its workload PeerAuthentication',
      files: ['boutique/policies/istio-policies.yaml'],
      workload: 'boutique/frontend',
      expected: [
        'istio AuthorizationPolicy/boutique/allow-nothing ingress isolates:ingress',
        'istio AuthorizationPolicy/boutique/frontend ingress isolates:ingress',
        'istio AuthorizationPolicy/istio-system/deny-debug-namespaces ingress isolates:-',
        'istio PeerAuthentication/istio-system/default ingress isolates:-',
        'istio PeerAuthentication/boutique/frontend-permissive ingress isolates:-',
      ],
    },
    {
      name: 'Istio: a pod without sidecar still lists the mesh-wide policies, isolating nothing',
      files: ['boutique/policies/istio-policies.yaml'],
      workload: 'tools/netshoot-debug',
      expected: ['istio AuthorizationPolicy/istio-system/deny-debug-namespaces ingress isolates:-', 'istio PeerAuthentication/istio-system/default ingress isolates:-'],
    },
    {
      name: 'Cilium: endpointSelector rules of CNP/CCNP, then the NetworkPolicies Cilium enforces with them',
      files: ['cilium/boutique-cilium-policies.yaml', NP],
      workload: 'boutique/paymentservice',
      expected: [
        'cilium CiliumNetworkPolicy/boutique/boutique-services ingress isolates:ingress',
        'cilium CiliumClusterwideNetworkPolicy/deny-debug-tools-to-boutique ingress isolates:ingress',
        'cilium CiliumClusterwideNetworkPolicy/boutique-dns-visibility egress isolates:-',
        'cilium NetworkPolicy/boutique/deny-all ingress+egress isolates:ingress+egress',
        'cilium NetworkPolicy/boutique/paymentservice ingress+egress isolates:ingress+egress',
      ],
    },
    {
      name: 'Calico: tier then order; the default tier ends in Deny, so every selecting policy isolates',
      files: ['boutique/policies/calico-policies.yaml'],
      workload: 'boutique/paymentservice',
      expected: [
        'calico GlobalNetworkPolicy/deny-debug-tools-to-boutique ingress isolates:ingress',
        'calico GlobalNetworkPolicy/boutique-allow-dns egress isolates:egress',
        'calico NetworkPolicy.projectcalico.org/boutique/paymentservice ingress isolates:ingress',
        'calico GlobalNetworkPolicy/boutique-default-deny ingress isolates:ingress',
      ],
    },
    {
      name: 'Calico with NetworkPolicies: the Kubernetes ones run in the default tier at order 1000',
      files: ['boutique/policies/calico-policies.yaml', NP],
      workload: 'boutique/paymentservice',
      expected: [
        'calico GlobalNetworkPolicy/deny-debug-tools-to-boutique ingress isolates:ingress',
        'calico GlobalNetworkPolicy/boutique-allow-dns egress isolates:egress',
        'calico NetworkPolicy.projectcalico.org/boutique/paymentservice ingress isolates:ingress',
        'calico NetworkPolicy/boutique/deny-all ingress+egress isolates:ingress+egress',
        'calico NetworkPolicy/boutique/paymentservice ingress+egress isolates:ingress+egress',
        'calico GlobalNetworkPolicy/boutique-default-deny ingress isolates:ingress',
      ],
    },
  ])('$name', ({ files, workload, expected }) => {
    const { inventory, evaluator } = load(files);
    expect(lines(policiesSelecting(evaluator, podOf(inventory.pods, workload)))).toEqual(expected);
  });

  test.each([
    {
      workload: 'boutique/paymentservice',
      expected: [
        'linkerd Server/boutique/paymentservice-grpc ingress isolates:ingress',
        'linkerd AuthorizationPolicy/boutique/paymentservice-grpc-authz ingress isolates:-',
        'linkerd Namespace/boutique#metadata.annotations[config.linkerd.io/default-inbound-policy] ingress isolates:ingress',
      ],
    },
    {
      workload: 'boutique/redis-cart',
      expected: [
        'linkerd Server/boutique/redis-cart-tcp ingress isolates:ingress',
        'linkerd ServerAuthorization/boutique/redis-cart-from-cartservice ingress isolates:-',
        'linkerd Namespace/boutique#metadata.annotations[config.linkerd.io/default-inbound-policy] ingress isolates:ingress',
      ],
    },
    { workload: 'tools/netshoot-debug', expected: [] },
  ])('Linkerd (the mesh swap): $workload', ({ workload, expected }) => {
    const { inventory, evaluator } = load(['boutique/policies/linkerd-policies.yaml'], 'linkerd');
    expect(lines(policiesSelecting(evaluator, podOf(inventory.pods, workload)))).toEqual(expected);
  });
});

describe('policiesSelecting: what the notes tell', () => {
  const noteOf = (ps: SelectingPolicy[], ref: string) => ps.find((p) => formatRuleRef(p.ref) === ref)?.note;

  test.each([
    { files: ['boutique/policies/adminnetworkpolicy-v1alpha1.yaml'], workload: 'boutique/paymentservice', ref: 'AdminNetworkPolicy/payment-pci-guardrail', note: 'admin tier, priority 20' },
    { files: ['boutique/policies/istio-policies.yaml'], workload: 'boutique/paymentservice', ref: 'AuthorizationPolicy/boutique/allow-nothing', note: 'ALLOW; namespace-wide; no rules: allows nothing' },
    { files: ['boutique/policies/istio-policies.yaml'], workload: 'boutique/paymentservice', ref: 'AuthorizationPolicy/istio-system/deny-debug-namespaces', note: 'DENY; mesh-wide (root namespace istio-system)' },
    {
      files: ['boutique/policies/istio-policies.yaml'],
      workload: 'boutique/frontend',
      ref: 'PeerAuthentication/istio-system/default',
      note: 'mTLS STRICT; mesh-wide; overridden by PeerAuthentication/boutique/frontend-permissive',
    },
    { files: ['boutique/policies/istio-policies.yaml'], workload: 'boutique/frontend', ref: 'PeerAuthentication/boutique/frontend-permissive', note: 'mTLS STRICT (port 8080 PERMISSIVE); workload selector' },
    {
      files: ['boutique/policies/istio-policies.yaml'],
      workload: 'tools/netshoot-debug',
      ref: 'AuthorizationPolicy/istio-system/deny-debug-namespaces',
      note: 'DENY; mesh-wide (root namespace istio-system); not enforced: tools/netshoot-debug has no istio-proxy sidecar',
    },
    {
      files: ['cilium/boutique-cilium-policies.yaml', NP],
      workload: 'boutique/paymentservice',
      ref: 'CiliumClusterwideNetworkPolicy/boutique-dns-visibility',
      note: 'egress: enableDefaultDeny off, no default deny',
    },
    { files: ['boutique/policies/calico-policies.yaml', NP], workload: 'boutique/paymentservice', ref: 'NetworkPolicy/boutique/deny-all', note: 'tier default, order 1000' },
  ])('$ref on $workload: $note', ({ files, workload, ref, note }) => {
    const { inventory, evaluator } = load(files);
    expect(noteOf(policiesSelecting(evaluator, podOf(inventory.pods, workload)), ref)).toBe(note);
  });

  test('Linkerd: a Server names its port, protocol, accessPolicy and authorizations', () => {
    const { inventory, evaluator } = load(['boutique/policies/linkerd-policies.yaml'], 'linkerd');
    const ps = policiesSelecting(evaluator, podOf(inventory.pods, 'boutique/paymentservice'));
    expect(noteOf(ps, 'Server/boutique/paymentservice-grpc')).toBe('port 50051, gRPC; accessPolicy deny; authorized: AuthorizationPolicy/boutique/paymentservice-grpc-authz');
    expect(noteOf(ps, 'AuthorizationPolicy/boutique/paymentservice-grpc-authz')).toBe('authorizes clients of Server/boutique/paymentservice-grpc');
  });
});

describe('policiesSelecting: host-network pods', () => {
  test('NetworkPolicies and Calico policies never select a host-network pod', () => {
    for (const files of [[NP], ['boutique/policies/calico-policies.yaml']]) {
      const { inventory, evaluator } = load(files);
      const pod = { ...podOf(inventory.pods, 'boutique/paymentservice'), hostNetwork: true };
      expect(policiesSelecting(evaluator, pod), files.join()).toEqual([]);
    }
  });

  test('the layers passed as a list answer as the evaluator does', () => {
    const { inventory, evaluator } = load([NP]);
    const pod = podOf(inventory.pods, 'boutique/paymentservice');
    expect(policiesSelecting(evaluator.layers, pod)).toEqual(policiesSelecting(evaluator, pod));
  });
});
