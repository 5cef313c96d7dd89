import type { Pod } from '../../model/kubernetes';
import type { SelectingPolicy } from '../../model/verdict';
import type { ClusterPolicy } from '../anp/types';
import type { NetworkModel } from './model';

type Direction = 'ingress' | 'egress';

const policyRef = ({ kind, namespace, name }: { kind: string; namespace?: string; name: string }) => ({ kind, ...(namespace ? { namespace } : {}), name });

/**
 * Cluster policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy) whose subject is the pod.
 * They never isolate: traffic none of their rules matches goes on to the next tier
 * (https://network-policy-api.sigs.k8s.io/api-overview/).
 */
function clusterEntry(model: NetworkModel, p: ClusterPolicy, pod: Pod): SelectingPolicy | null {
  if (!model.clusterSubjectMatches(p, pod)) return null;
  const directions: Direction[] = [...(p.ingress.length ? (['ingress'] as const) : []), ...(p.egress.length ? (['egress'] as const) : [])];
  const tier = p.tier === 'Admin' ? `admin tier, priority ${p.priority}` : `baseline tier${p.ref.kind === 'BaselineAdminNetworkPolicy' ? '' : `, priority ${p.priority}`}`;
  return { layer: 'network', ref: policyRef(p.ref), directions, isolates: [], note: directions.length ? tier : `${tier}; no rules` };
}

/**
 * The Kubernetes network policies selecting one pod, in the order the layer evaluates them: admin tier by priority,
 * NetworkPolicies (isolating the directions of their `policyTypes`), baseline tier. Host-network pods are never
 * selected (NetworkModel.policiesOf).
 */
export function networkSelecting(model: NetworkModel, pod: Pod): SelectingPolicy[] {
  if (pod.hostNetwork) return [];
  const { npIngress, npEgress } = model.policiesOf(pod);
  const netpols = [...new Set([...npIngress, ...npEgress])].sort((a, b) => model.netpols.indexOf(a) - model.netpols.indexOf(b));
  const np = netpols.map((p): SelectingPolicy => {
    const directions: Direction[] = [...(npIngress.includes(p) ? (['ingress'] as const) : []), ...(npEgress.includes(p) ? (['egress'] as const) : [])];
    return { layer: 'network', ref: policyRef(p.ref), directions, isolates: directions };
  });
  const cluster = (tier: readonly ClusterPolicy[]) => tier.flatMap((p) => clusterEntry(model, p, pod) ?? []);
  return [...cluster(model.admin), ...np, ...cluster(model.baseline)];
}
