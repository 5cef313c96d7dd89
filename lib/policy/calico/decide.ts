import { formatRuleRef, type Basis, type Connection, type DirectionDecision, type LayerDecision, type Outcome, type RuleRef } from '../../model/verdict';
import { isOwnNode } from '../model/own-node';
import { hostToWorkloadDecision } from './host-to-workload';
import { matchedUpstreamPeer, matchRule, type CalicoEndpoint, type ConnectionView } from './match';
import type { CalicoModel, TierPolicies } from './model';
import type { CalicoPolicy, CalicoRule, CalicoTier, Direction } from './types';

type Step = { kind: 'rule'; tierIndex: number; tier: CalicoTier; policy: CalicoPolicy; rule: CalicoRule } | { kind: 'end'; tierIndex: number; tier: CalicoTier; selecting: CalicoPolicy[] };

interface WalkResult {
  outcome: Outcome;
  basis: Basis;
  rules: RuleRef[];
  reason: string;
  conditions: string[];
  reported: RuleRef[];
}

const refOf = (p: CalicoPolicy, r: CalicoRule, wildcard = false): RuleRef => ({ ...p.ref, path: r.path, ...(wildcard ? { wildcard: true } : {}) });
const list = (refs: RuleRef[]) => refs.map(formatRuleRef).join(', ');

function stepsOf(tiers: TierPolicies[], dir: Direction): Step[] {
  const steps: Step[] = [];
  tiers.forEach(({ tier, policies }, tierIndex) => {
    for (const policy of policies) for (const rule of policy[dir]) steps.push({ kind: 'rule', tierIndex, tier, policy, rule });
    steps.push({ kind: 'end', tierIndex, tier, selecting: policies });
  });
  return steps;
}

/** A rule that names no peer, port or protocol admits everything: shown once as a wildcard rule. */
const isWildcardRule = (r: CalicoRule) =>
  r.upstream
    ? r.upstream.peers === null && r.upstream.ports === null
    : r.protocol === undefined &&
      !r.http &&
      [r.source, r.destination].every((e) => e.nets.length + e.notNets.length + e.ports.length + e.notPorts.length === 0 && !e.selector && !e.notSelector && !e.namespaceSelector && !e.serviceAccounts && !e.services);

/**
 * Calico's evaluation of one direction at one workload endpoint
 * (https://docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy):
 * tiers in `order`, inside a tier the policies that apply to the endpoint in `order` (then name), inside a policy the
 * rules in order. The first matching Allow/Deny decides; Log records and goes on; Pass skips the rest of the tier.
 * A tier where some policy applied but no rule decided ends with the tier's `defaultAction` (Deny unless Pass).
 * After the last tier the Kubernetes namespace profile `kns.<namespace>` allows.
 */
function walk(steps: Step[], from: number, dir: Direction, c: ConnectionView, model: CalicoModel, local: CalicoEndpoint, passed: string[]): WalkResult {
  const reported: RuleRef[] = [];
  for (let i = from; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.kind === 'end') {
      if (s.tier.defaultAction === 'Pass') {
        passed.push(`tier ${s.tier.name} ended with defaultAction Pass`);
        continue;
      }
      const refs = s.selecting.map((p) => p.ref);
      return { outcome: 'denied', basis: 'no-match', rules: refs, conditions: [], reported, reason: `tier ${s.tier.name}: ${list(refs)} ${refs.length === 1 ? 'applies' : 'apply'} to this pod for ${dir} and no rule matched: end-of-tier deny` };
    }
    const m = matchRule(s.rule, s.policy, dir, c, model.ctx);
    if (m === 'no') continue;
    const ref = { ...refOf(s.policy, s.rule, isWildcardRule(s.rule)), ...(s.rule.upstream ? { path: matchedUpstreamPeer(s.rule, dir, c) ?? s.rule.path } : {}) };
    const nextTier = () => {
      const j = steps.findIndex((x, k) => k > i && x.tierIndex > s.tierIndex);
      return j < 0 ? steps.length : j;
    };
    const decided = (): WalkResult | 'continue' | number => {
      switch (s.rule.action) {
        case 'Allow':
          return { outcome: 'allowed', basis: 'explicit', rules: [ref], conditions: [], reported, reason: `${dir} allowed by ${formatRuleRef(ref)} (tier ${s.tier.name})` };
        case 'Deny':
          return { outcome: 'denied', basis: 'deny-rule', rules: [ref], conditions: [], reported, reason: `${dir} denied by ${formatRuleRef(ref)} (tier ${s.tier.name})` };
        case 'Log':
          return 'continue';
        case 'Pass':
          return nextTier();
      }
    };
    const d = decided();
    if (m === 'yes') {
      if (d === 'continue') {
        reported.push(ref);
        continue;
      }
      if (typeof d === 'number') {
        passed.push(`passed by ${formatRuleRef(ref)}`);
        i = d - 1;
        continue;
      }
      return d;
    }
    // The rule may or may not match (it looks at the HTTP request or the source port): evaluate both ways.
    if (d === 'continue') continue;
    const ifMatch = typeof d === 'number' ? walk(steps, d, dir, c, model, local, [...passed]) : d;
    const ifNot = walk(steps, i + 1, dir, c, model, local, [...passed]);
    const merged = [...reported, ...ifNot.reported];
    if (ifMatch.outcome === ifNot.outcome) return { ...ifNot, reported: merged };
    const what = s.rule.http ? 'the HTTP request' : 'the source port';
    const condition = `${formatRuleRef(ref)} (${s.rule.action}) matches ${what}: ${ifMatch.outcome} if it does, ${ifNot.outcome} otherwise`;
    return { outcome: 'conditional', basis: 'explicit', rules: [ref], conditions: [condition], reported: merged, reason: `${dir}: ${condition}` };
  }
  const profile = `kns.${local.pod?.namespace ?? ''}`;
  const via = passed.length > 0 ? `${passed.join('; ')}; ` : '';
  return { outcome: 'allowed', basis: 'default', rules: [], conditions: [], reported, reason: `${via}no tier decided ${dir}: allowed by the namespace profile ${profile}` };
}

export interface CalicoDirectionDecision extends DirectionDecision {
  conditions: string[];
  reported: RuleRef[];
}

export function decideCalicoDirection(model: CalicoModel, dir: Direction, local: CalicoEndpoint, c: ConnectionView): CalicoDirectionDecision {
  const tiers = model.tiersFor(local, dir);
  const isolated = tiers.length > 0;
  const r = walk(stepsOf(tiers, dir), 0, dir, c, model, local, []);
  const reason = isolated ? r.reason : `no Calico policy applies to this pod for ${dir}: allowed by the namespace profile kns.${local.pod?.namespace ?? ''}`;
  // Staged policies: report the ones that would decide this connection, never change the verdict.
  const stagedTiers = model.tiersFor(local, dir, true);
  const staged = walk(stepsOf(stagedTiers, dir), 0, dir, c, model, local, []);
  const stagedRefs = stagedTiers.length > 0 ? staged.rules : [];
  return { direction: dir, isolated, outcome: r.outcome, basis: r.basis, rules: r.rules, reason, conditions: r.conditions, reported: [...r.reported, ...stagedRefs] };
}

export function decideCalico(model: CalicoModel, c: Connection): LayerDecision {
  const src = model.endpoint(c.source);
  const dst = model.endpoint(c.destination);
  const view: ConnectionView = { source: src, destination: dst, port: c.port, protocol: c.protocol, ...(c.request ? { request: c.request } : {}) };
  const directions: CalicoDirectionDecision[] = [];
  // Host-network pods and addresses have no workload endpoint (host endpoints are not modelled).
  if (src.pod) directions.push(decideCalicoDirection(model, 'egress', src, view));
  if (dst.pod) {
    // Felix does not police the workload's own host (host-to-workload.ts): no tier is walked for it.
    const fromItsHost = isOwnNode(dst.pod, src.facts);
    directions.push(fromItsHost ? hostToWorkloadDecision(dst, src, model.tiersFor(dst, 'ingress').length > 0, `${c.protocol}/${c.port}`) : decideCalicoDirection(model, 'ingress', dst, view));
  }
  const strip = (d: CalicoDirectionDecision): DirectionDecision => ({ direction: d.direction, isolated: d.isolated, outcome: d.outcome, basis: d.basis, rules: d.rules, reason: d.reason });
  const reported = directions.flatMap((d) => d.reported);
  const extra = reported.length > 0 ? { reported } : {};
  const denied = directions.find((d) => d.outcome === 'denied');
  if (denied) return { layer: 'calico', outcome: 'denied', basis: denied.basis, directions: directions.map(strip), rules: denied.rules, reason: denied.reason, ...extra };
  const conditional = directions.filter((d) => d.outcome === 'conditional');
  if (conditional.length > 0) {
    return {
      layer: 'calico',
      outcome: 'conditional',
      basis: 'explicit',
      directions: directions.map(strip),
      rules: conditional.flatMap((d) => d.rules),
      conditions: conditional.flatMap((d) => d.conditions),
      reason: directions.map((d) => d.reason).join('; '),
      ...extra,
    };
  }
  const explicit = directions.filter((d) => d.basis === 'explicit');
  return {
    layer: 'calico',
    outcome: 'allowed',
    basis: explicit.length > 0 ? 'explicit' : 'default',
    directions: directions.map(strip),
    rules: explicit.flatMap((d) => d.rules),
    reason: directions.map((d) => d.reason).join('; ') || 'no Calico workload endpoint on either end',
    ...extra,
  };
}
