import { describe, expect, test } from 'vitest';
import type { PolicyLayerFactory } from '../../model/layer-factory';
import { createEvaluator } from '../evaluate';
import { isNetworkPolicy } from '../netpol/parse';
import { networkLayerFactory } from '../network/layer';
import { isNetworkLayerKind } from '../network/model';
import { calicoLayerFactory } from '../calico';
import { ciliumLayerFactory } from './index';
import { connection, inventoryOf, loadObjects } from './test-support';

/**
 * How the layers must be wired when a CNI's own policies are present: the CNI layer evaluates the Kubernetes
 * NetworkPolicies itself (Cilium: union in one repository; Calico: knp.default.* in the default tier), so the
 * `network` layer must not ALSO decide them, or a connection allowed by a CiliumNetworkPolicy but not by a
 * NetworkPolicy selecting the same pod would come out denied.
 */
const networkWithoutNetpols: PolicyLayerFactory = (input) => networkLayerFactory({ ...input, objects: input.objects.filter((o) => !isNetworkPolicy(o)) });
/** Calico also runs AdminNetworkPolicy/BaselineAdminNetworkPolicy/ClusterNetworkPolicy in its kube-admin/kube-baseline tiers. */
const networkWithoutAnything: PolicyLayerFactory = (input) => networkLayerFactory({ ...input, objects: input.objects.filter((o) => !isNetworkLayerKind(o)) });

const cluster = loadObjects('cilium/docs-cluster.yaml');
const policies = loadObjects('cilium/docs-policies.yaml').filter((p) => ['l3-rule', 'np-backend-from-victim'].includes(p.metadata.name));

describe('NetworkPolicy + CiliumNetworkPolicy selecting the same pod', () => {
  const objects = [...cluster, ...policies];
  const inventory = inventoryOf(objects);

  test('united by the cilium layer when the network layer stands down for NetworkPolicies', () => {
    const ev = createEvaluator(inventory, objects, {}, [networkWithoutNetpols, ciliumLayerFactory]).value;
    const v = ev.evaluate(connection(inventory, 'default/frontend', 'default/backend', 80));
    expect(v.verdict).toBe('allowed');
    expect(v.summary).toContain('cilium: allowed by CiliumNetworkPolicy/default/l3-rule#ingress[0].fromEndpoints[0]');
    expect(ev.evaluate(connection(inventory, 'default/victim', 'default/backend', 80)).verdict).toBe('allowed');
    expect(ev.evaluate(connection(inventory, 'default/public', 'default/backend', 80)).verdict).toBe('denied');
  });

  test('ANDing the unmodified network layer would wrongly deny what the CiliumNetworkPolicy allows', () => {
    const ev = createEvaluator(inventory, objects, {}, [networkLayerFactory, ciliumLayerFactory]).value;
    expect(ev.evaluate(connection(inventory, 'default/frontend', 'default/backend', 80)).verdict).toBe('denied');
  });
});

describe('Online Boutique: networkpolicy.yaml + adminnetworkpolicy-v1alpha1.yaml + calico-policies.yaml', () => {
  const objects = loadObjects('boutique/kubernetes/cluster-state.json', 'boutique/policies/networkpolicy.yaml', 'boutique/policies/adminnetworkpolicy-v1alpha1.yaml', 'boutique/policies/calico-policies.yaml');
  const inventory = inventoryOf(objects);
  const ev = createEvaluator(inventory, objects, {}, [networkWithoutAnything, calicoLayerFactory]).value;
  test.each([
    ['tools/netshoot-debug', 'boutique/cartservice', 7070, 'denied'],
    ['boutique/checkoutservice', 'boutique/paymentservice', 50051, 'allowed'],
    ['boutique/frontend', 'boutique/redis-cart', 6379, 'denied'],
    ['boutique/frontend', 'kube-system/coredns', 53, 'allowed'],
  ] as const)('%s -> %s:%i %s', (from, to, port, verdict) => {
    expect(ev.evaluate(connection(inventory, from, to, port, port === 53 ? 'UDP' : 'TCP')).verdict).toBe(verdict);
  });

  test('U1 is denied at the kube-admin tier by payment-pci-guardrail, before any Calico tier', () => {
    const v = ev.evaluate(connection(inventory, 'boutique/frontend', 'boutique/paymentservice', 50051));
    expect(v.layers.find((l) => l.layer === 'calico')?.rules).toEqual([{ kind: 'AdminNetworkPolicy', name: 'payment-pci-guardrail', path: 'ingress[2].from[0]' }]);
  });
});
