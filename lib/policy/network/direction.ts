import type { ContainerPort, Pod, Protocol } from '../../model/kubernetes';
import type { DirectionDecision, RuleRef } from '../../model/verdict';
import type { ClusterPolicy, ClusterRule } from '../anp/types';
import type { EndpointFacts } from '../model/endpoint';
import { matchPeer } from '../model/peer';
import { isOwnNode } from '../model/own-node';
import { matchPortRules } from '../model/ports';
import { ruleRefText, ruleRefsText } from '../model/rule-ref-text';
import type { Netpol } from '../netpol/types';
import type { NetworkModel } from './model';
import { ownNodeDecision } from './own-node';

export type Direction = 'ingress' | 'egress';

interface TierHit {
  policy: ClusterPolicy;
  rule: ClusterRule;
  ref: RuleRef;
  /** Set when the rule matches only if an address belongs to some domain names (CNP `domainNames`). */
  domains?: string[];
}

const NO_SKIP: ReadonlySet<ClusterRule> = new Set();

/**
 * One ref object per (policy, rule path): the graph evaluates tens of thousands of connections that match the
 * same few thousand rules, and sharing the refs spares an allocation per match and lets `ruleRefText` remember
 * the formatted text. Keyed by the parsed peer/rule entry, which lives as long as the policy model.
 */
const refCache = new WeakMap<object, RuleRef>();
function sharedRef(key: object, make: () => RuleRef): RuleRef {
  let r = refCache.get(key);
  if (!r) refCache.set(key, (r = make()));
  return r;
}

/** `isolated for ... by <policies>`: the isolating policies of a pod are one cached array (NetworkModel.policiesOf). */
const isolatingCache = new WeakMap<readonly Netpol[], { refs: RuleRef[]; text: string }>();
function isolatingOf(policies: readonly Netpol[]): { refs: RuleRef[]; text: string } {
  let v = isolatingCache.get(policies);
  if (!v) {
    const refs = policies.map((np) => np.ref);
    isolatingCache.set(policies, (v = { refs, text: ruleRefsText(refs) }));
  }
  return v;
}

/** First matching rule in priority order, then rule order (the rule list of one policy is ordered). */
function firstClusterMatch(policies: ClusterPolicy[], dir: Direction, peer: EndpointFacts, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null, skip: ReadonlySet<ClusterRule>): TierHit | null {
  for (const policy of policies) {
    for (const rule of policy[dir]) {
      if (skip.has(rule) || !matchPortRules(rule.ports, port, protocol, dstPorts)) continue;
      const hit = rule.peers.find((p) => matchPeer(p.peer, peer));
      if (hit) return { policy, rule, ref: { ...policy.ref, path: hit.path, ...(hit.peer.kind === 'any' ? { wildcard: true } : {}) } };
      // domainNames (egress Accept only) match by DNS answers Eastwest does not see: an outside address may be one.
      const byName = peer.pod === null ? rule.peers.find((p) => p.peer.kind === 'domainNames') : undefined;
      if (byName && byName.peer.kind === 'domainNames') return { policy, rule, ref: { ...policy.ref, path: byName.path }, domains: byName.peer.names };
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
        out.push(sharedRef(rule, () => ({ ...np.ref, path: rule.path, wildcard: true })));
        continue;
      }
      for (const hit of rule.peers) {
        if (!matchPeer(hit.peer, peer)) continue;
        out.push(sharedRef(hit, () => ({ ...np.ref, path: hit.path })));
        break;
      }
    }
  }
  return out;
}

const describe = (hit: TierHit) => `${ruleRefText(hit.ref)}${hit.rule.name ? ` (rule "${hit.rule.name}", ` : ' ('}${hit.rule.actionText}, priority ${hit.policy.priority})`;

/**
 * Decides one direction for one pod, through the tiers in order:
 * Admin (ANP / CNP tier Admin) -> the pod's own node (own-node.ts) -> NetworkPolicy -> Baseline (BANP / CNP tier
 * Baseline) -> default allow.
 * https://network-policy-api.sigs.k8s.io/api-overview/ and ClusterNetworkPolicySpec.Tier (v1alpha2).
 * `subject` is the pod the direction belongs to (source for egress, destination for ingress), `peer` the other end.
 */
export function decideDirection(
  model: NetworkModel,
  dir: Direction,
  subject: Pod,
  peer: EndpointFacts,
  port: number,
  protocol: Protocol,
  dstPorts: readonly ContainerPort[] | null,
  skip: ReadonlySet<ClusterRule> = NO_SKIP,
): DirectionDecision {
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

  /** A domain-name rule: allowed if the address is one of the names', else whatever the following rules say. */
  const byDomain = (hit: TierHit): DirectionDecision => {
    const rest = decideDirection(model, dir, subject, peer, port, protocol, dstPorts, new Set([...skip, hit.rule]));
    if (rest.outcome === 'allowed') return rest;
    const condition = `${peer.ips[0] ?? 'the destination'} is an address of ${hit.domains!.join(', ')}`;
    return { direction: dir, isolated, outcome: 'conditional', basis: 'delegated', rules: [hit.ref], reason: `${dir} ${what} allowed by ${describe(hit)} only if ${condition}; otherwise ${rest.reason}` };
  };

  const a = firstClusterMatch(admin, dir, peer, port, protocol, dstPorts, skip);
  if (a?.domains) return byDomain(a);
  if (a && a.rule.action === 'Allow') return { direction: dir, isolated, outcome: 'allowed', basis: 'explicit', rules: [a.ref], reason: `${dir} ${what} allowed by ${describe(a)}` };
  if (a && a.rule.action === 'Deny') return { direction: dir, isolated, outcome: 'denied', basis: 'deny-rule', rules: [a.ref], reason: `${dir} ${what} denied by ${describe(a)}` };
  if (a) prefix = `passed by ${describe(a)}; `;

  // Below the admin tier, the pod's own node is NetworkPolicy's built-in rule (own-node.ts).
  if (isOwnNode(subject, peer)) return ownNodeDecision(dir, subject, peer, isolated, prefix, what);

  if (npPolicies.length > 0) {
    // NetworkPolicy always makes a final decision for the pods it selects (v1alpha2 Tier doc).
    const allowing = netpolAllowingRules(npPolicies, dir, peer, port, protocol, dstPorts);
    const { refs, text: by } = isolatingOf(npPolicies);
    if (allowing.length > 0) {
      return { direction: dir, isolated: true, outcome: 'allowed', basis: 'explicit', rules: allowing, reason: `${prefix}isolated for ${dir} by ${by}; ${what} allowed by ${ruleRefsText(allowing)}` };
    }
    return { direction: dir, isolated: true, outcome: 'denied', basis: 'no-match', rules: refs.slice(), reason: `${prefix}isolated for ${dir} by ${by}; no rule allows ${what} ${dir === 'ingress' ? 'from' : 'to'} this peer` };
  }

  const b = firstClusterMatch(baseline, dir, peer, port, protocol, dstPorts, skip);
  if (b?.domains) return byDomain(b);
  if (b && b.rule.action === 'Allow') return { direction: dir, isolated, outcome: 'allowed', basis: 'explicit', rules: [b.ref], reason: `${prefix}not selected by any NetworkPolicy for ${dir}; ${what} allowed by ${describe(b)}` };
  if (b && b.rule.action === 'Deny') return { direction: dir, isolated, outcome: 'denied', basis: 'deny-rule', rules: [b.ref], reason: `${prefix}not selected by any NetworkPolicy for ${dir}; ${what} denied by ${describe(b)}` };
  if (b) prefix += `passed by ${describe(b)}; `;
  if (isolated) {
    // Selected by cluster policies whose rules do not match: they do not isolate, the default applies.
    const by = [...admin, ...baseline].map((c) => ruleRefText(c.ref)).join(', ');
    return { direction: dir, isolated, outcome: 'allowed', basis: 'default', rules: [], reason: `${prefix}selected for ${dir} by ${by} but no rule matches ${what}; no NetworkPolicy isolates it: allowed by default` };
  }
  return { direction: dir, isolated: false, outcome: 'allowed', basis: 'default', rules: [], reason: `${prefix}not isolated for ${dir}: allowed by default` };
}
