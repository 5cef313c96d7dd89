import type { Diagnostic } from '../model/diagnostics';
import type { PolicyLayerFactory } from '../model/layer-factory';
import { isCalicoPolicy } from './calico';
import { isCiliumPolicy } from './cilium';
import { isNetworkPolicy } from './netpol/parse';
import { networkLayerFactory } from './network/layer';
import { isNetworkLayerKind } from './network/model';

/**
 * The `network` layer as the cluster's CNI actually enforces Kubernetes policies.
 *
 * - Cilium puts NetworkPolicy, CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy in ONE policy repository
 *   (https://docs.cilium.io/en/stable/security/policy/ "policies are additive"): the cilium layer decides the
 *   NetworkPolicies together with its own, so this layer keeps only AdminNetworkPolicy/ClusterNetworkPolicy.
 * - Calico converts NetworkPolicies into `knp.default.*` policies of its default tier and runs
 *   AdminNetworkPolicy/BaselineAdminNetworkPolicy in its kube-admin/kube-baseline tiers
 *   (https://docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy): the calico layer decides
 *   them all, so this layer stands down.
 * Otherwise the Kubernetes network policies form their own layer. Diagnostics always come from parsing every
 * Kubernetes policy here, so an invalid NetworkPolicy is reported once whichever layer decides it.
 */
export const cniNetworkLayerFactory: PolicyLayerFactory = (input) => {
  const full = networkLayerFactory(input);
  const calico = input.objects.some(isCalicoPolicy);
  const cilium = input.objects.some(isCiliumPolicy);
  if (!calico && !cilium) return full;
  const diagnostics: Diagnostic[] = [...full.diagnostics];
  if (calico && cilium) {
    const first = input.objects.find(isCiliumPolicy);
    diagnostics.push({
      severity: 'warning',
      code: 'two-cnis',
      message: 'the input has both Calico and Cilium policies; a cluster has one CNI enforcing NetworkPolicies, so each of their layers evaluates the NetworkPolicies and both must allow',
      ...(first ? { file: first.source.file, line: first.source.line } : {}),
    });
  }
  const keep = calico ? (o: Parameters<typeof isNetworkLayerKind>[0]) => !isNetworkLayerKind(o) : (o: Parameters<typeof isNetworkPolicy>[0]) => !isNetworkPolicy(o);
  const reduced = networkLayerFactory({ ...input, objects: input.objects.filter(keep) });
  return { value: reduced.value, diagnostics };
};
