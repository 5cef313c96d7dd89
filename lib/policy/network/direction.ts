import type { ContainerPort, Pod, Protocol } from '../../model/kubernetes';
import { formatRuleRef, type DirectionDecision, type RuleRef } from '../../model/verdict';
import type { ClusterPolicy, ClusterRule } from '../anp/types';
import type { EndpointFacts } from '../model/endpoint';
import { matchPeer } from '../model/peer';
import { matchPortRules } from '../model/ports';
import type { Netpol } from '../netpol/types';
import type { NetworkModel } from './model';

export type Direction = 'ingress' | 'egress';

interface TierHit {
  policy: ClusterPolicy;
  rule: ClusterRule;
  ref: RuleRef;
}

/** First matching rule in priority order, then rule order (the rule list of one policy is ordered). */
function firstClusterMatch(policies: ClusterPolicy[], dir: Direction, peer: EndpointFacts, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null): TierHit | null {
  for (const policy of policies) {
    for (const rule of policy[dir]) {
      if (!matchPortRules(rule.ports, port, protocol, dstPorts)) continue;
      const hit = rule.peers.find((p) => matchPeer(p.peer, peer));
      if (hit) return { policy, rule, ref: { ...policy.ref, path: hit.path, ...(hit.peer.kind === 'any' ? { wildcard: true } : {}) } };
    }
  }
  return null;
}

/** Every NetworkPolicy rule that admits the connection (policies are additive: the union decides). */
export function netpolAllowingRules(policies: Netpol[], dir: Direction, peer: EndpointFacts, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null): RuleRef[] {
  const out: RuleRef[] = [];
  for (const np of policies) {
    for (const rule of np[dir] ?? []) {
      if (!matchPortRules(rule.ports, port, protocol, dstPorts)) continue;
      if (rule.peers === null) {
        out.push({ ...np.ref, path: rule.path, wildcard: true });
        continue;
      }
      const hit = rule.peers.find((p) => matchPeer(p.peer, peer));
      if (hit) out.push({ ...np.ref, path: hit.path });
    }
  }
  return out;
}

const describe = (hit: TierHit) => `${formatRuleRef(hit.ref)}${hit.rule.name ? ` (rule "${hit.rule.name}", ` : ' ('}${hit.rule.actionText}, priority ${hit.policy.priority})`;

/**
 * Decides one direction for one pod, through the tiers in order:
 * Admin (ANP / CNP tier Admin) -> NetworkPolicy -> Baseline (BANP / CNP tier Baseline) -> default allow.
 * https://network-policy-api.sigs.k8s.io/api-overview/ and ClusterNetworkPolicySpec.Tier (v1alpha2).
 * `subject` is the pod the direction belongs to (source for egress, destination for ingress), `peer` the other end.
 */
export function decideDirection(model: NetworkModel, dir: Direction, subject: Pod, peer: EndpointFacts, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null): DirectionDecision {
  const what = `${protocol}/${port}`;
  if (subject.hostNetwork) {
    return {
      direction: dir,
      isolated: false,
      outcome: 'allowed',
      basis: 'default',
      rules: [],
      reason: `host-network pod: network policies do not select it (its traffic is node traffic), allowed by default for ${dir}`,
    };
  }
  const pols = model.policiesOf(subject);
  const npPolicies = dir === 'ingress' ? pols.npIngress : pols.npEgress;
  const admin = dir === 'ingress' ? pols.adminIngress : pols.adminEgress;
  const baseline = dir === 'ingress' ? pols.baselineIngress : pols.baselineEgress;
  const isolated = npPolicies.length + admin.length + baseline.length > 0;
  let prefix = '';

  const a = firstClusterMatch(admin, dir, peer, port, protocol, dstPorts);
  if (a && a.rule.action === 'Allow') return { direction: dir, isolated, outcome: 'allowed', basis: 'explicit', rules: [a.ref], reason: `${dir} ${what} allowed by ${describe(a)}` };
  if (a && a.rule.action === 'Deny') return { direction: dir, isolated, outcome: 'denied', basis: 'deny-rule', rules: [a.ref], reason: `${dir} ${what} denied by ${describe(a)}` };
  if (a) prefix = `passed by ${describe(a)}; `;

  if (npPolicies.length > 0) {
    // NetworkPolicy always makes a final decision for the pods it selects (v1alpha2 Tier doc).
    const allowing = netpolAllowingRules(npPolicies, dir, peer, port, protocol, dstPorts);
    const isolating = npPolicies.map((np) => np.ref);
    const by = isolating.map(formatRuleRef).join(', ');
    if (allowing.length > 0) {
      return { direction: dir, isolated: true, outcome: 'allowed', basis: 'explicit', rules: allowing, reason: `${prefix}isolated for ${dir} by ${by}; ${what} allowed by ${allowing.map(formatRuleRef).join(', ')}` };
    }
    return { direction: dir, isolated: true, outcome: 'denied', basis: 'no-match', rules: isolating, reason: `${prefix}isolated for ${dir} by ${by}; no rule allows ${what} ${dir === 'ingress' ? 'from' : 'to'} this peer` };
  }

  const b = firstClusterMatch(baseline, dir, peer, port, protocol, dstPorts);
  if (b && b.rule.action === 'Allow') return { direction: dir, isolated, outcome: 'allowed', basis: 'explicit', rules: [b.ref], reason: `${prefix}not selected by any NetworkPolicy for ${dir}; ${what} allowed by ${describe(b)}` };
  if (b && b.rule.action === 'Deny') return { direction: dir, isolated, outcome: 'denied', basis: 'deny-rule', rules: [b.ref], reason: `${prefix}not selected by any NetworkPolicy for ${dir}; ${what} denied by ${describe(b)}` };
  if (b) prefix += `passed by ${describe(b)}; `;
  return { direction: dir, isolated: false, outcome: 'allowed', basis: 'default', rules: [], reason: `${prefix}not isolated for ${dir}: allowed by default` };
}
