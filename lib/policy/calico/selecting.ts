import type { Pod } from '../../model/kubernetes';
import type { SelectingPolicy } from '../../model/verdict';
import type { CalicoModel } from './model';
import type { CalicoPolicy, CalicoTier, Direction } from './types';

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

function tierNote(tier: CalicoTier, policy: CalicoPolicy): string {
  const order = Number.isFinite(policy.order) ? `order ${policy.order}` : 'no order (applied last)';
  const end = tier.defaultAction === 'Pass' ? ', tier ends in Pass' : '';
  return `tier ${tier.name}, ${order}${end}${policy.staged ? '; staged: reported, never enforced' : ''}`;
}

const compare = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/** Calico's own order (CalicoModel.tiersFor), staged policies last. */
const evaluationOrder = (a: { tier: CalicoTier; policy: CalicoPolicy }, b: { tier: CalicoTier; policy: CalicoPolicy }) =>
  compare(Number(a.policy.staged), Number(b.policy.staged)) ||
  compare(a.tier.order, b.tier.order) ||
  compare(a.tier.name, b.tier.name) ||
  compare(a.policy.order, b.policy.order) ||
  compare(a.policy.sortName, b.policy.sortName);

/**
 * The policies Calico applies to a pod's workload endpoint (CalicoModel.tiersFor: selector, namespaceSelector,
 * serviceAccountSelector, `types`), in evaluation order, staged ones last. Kubernetes NetworkPolicies and
 * AdminNetworkPolicies appear as Calico runs them (default tier; kube-admin / kube-baseline). A policy isolates a
 * direction when its tier ends in Deny: traffic no rule of the tier decides is denied there.
 */
export function calicoSelecting(model: CalicoModel, pod: Pod): SelectingPolicy[] {
  const ep = model.endpoint({ kind: 'pod', pod });
  const out = new Map<CalicoPolicy, { tier: CalicoTier; policy: CalicoPolicy; entry: SelectingPolicy }>();
  for (const staged of [false, true]) {
    for (const dir of DIRECTIONS) {
      for (const { tier, policies } of model.tiersFor(ep, dir, staged)) {
        for (const policy of policies) {
          let e = out.get(policy);
          if (!e) {
            const ref = { kind: policy.ref.kind, ...(policy.ref.namespace ? { namespace: policy.ref.namespace } : {}), name: policy.ref.name };
            out.set(policy, (e = { tier, policy, entry: { layer: 'calico', ref, directions: [], isolates: [], note: tierNote(tier, policy) } }));
          }
          e.entry.directions.push(dir);
          if (!policy.staged && tier.defaultAction === 'Deny') e.entry.isolates.push(dir);
        }
      }
    }
  }
  return [...out.values()].sort(evaluationOrder).map((e) => e.entry);
}
