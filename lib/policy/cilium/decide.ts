import { formatRuleRef, type Basis, type Connection, type DirectionDecision, type Endpoint, type LayerDecision, type Outcome, type RuleRef } from '../../model/verdict';
import { ALLOW_LOCALHOST, isLocalHost } from './allow-localhost';
import type { CiliumEndpoint } from './identity';
import { evaluateL7 } from './l7';
import { matchingPortRules, matchRulePeers } from './match';
import type { CiliumRepository } from './repository';
import type { CiliumPortRule, CiliumRule, Direction } from './types';

export interface CiliumDirectionDecision extends DirectionDecision {
  conditions: string[];
}

interface AllowHit {
  ref: RuleRef;
  /** The matching `toPorts` entries; `null` = the rule has no `toPorts` (all ports, L3 only). */
  portRules: CiliumPortRule[] | null;
  fqdn?: string[];
}

const DENY_FIELD: Record<Direction, 'ingressDeny' | 'egressDeny'> = { ingress: 'ingressDeny', egress: 'egressDeny' };
const refOf = (r: CiliumRule, path: string, wildcard = false): RuleRef => ({ ...r.policy, path, ...(wildcard ? { wildcard: true } : {}) });
const list = (refs: RuleRef[]) => refs.map(formatRuleRef).join(', ');

function dedupe(refs: RuleRef[]): RuleRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = formatRuleRef(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether a rule puts the endpoints it selects into default deny for `dir` (it must have a section for that direction). */
export const ruleIsolates = (r: CiliumRule, dir: Direction): boolean => r.defaultDeny[dir] && r[dir].length + r[DENY_FIELD[dir]].length > 0;

/** L3/L4-only when some matching `toPorts` entry (or the absence of `toPorts`) carries no L7 rule and no SNI list. */
const isL4Only = (h: AllowHit) => !h.fqdn && (h.portRules === null || h.portRules.some((p) => p.l7 === null && p.serverNames.length === 0));

/**
 * One direction at one Cilium endpoint (`local`): egress at the source, ingress at the destination.
 * Order of evaluation (https://docs.cilium.io/en/stable/security/policy/deny/ and .../language/):
 * 1. any matching deny rule (CNP/CCNP `ingressDeny`/`egressDeny`) denies, whatever allows it;
 * 2. ingress from the endpoint's own node is allowed (allow-localhost.ts);
 * 3. an allow rule of any CNP/CCNP/NetworkPolicy that matches at L3/L4 without L7 rules allows everything on that
 *    port ("the layer 7 portions of the latter rule will have no effect", .../layer7/);
 * 4. otherwise matching L7 rules decide the request (and do so even when default deny is off: the port is redirected
 *    to the proxy);
 * 5. otherwise the endpoint is denied if any selecting rule puts it into default deny for this direction.
 */
export function decideCiliumDirection(repo: CiliumRepository, dir: Direction, local: CiliumEndpoint, peer: CiliumEndpoint, peerEndpoint: Endpoint, c: Connection): CiliumDirectionDecision {
  const what = `${c.protocol}/${c.port}`;
  const towards = dir === 'ingress' ? 'from' : 'to';
  const rules = repo.rulesOf(local);
  const labels = repo.ids.labelsOf(peer, local.nodeName);
  const dst = dir === 'ingress' ? local : peer;
  const dstPorts = dst.ports;

  const ciliumIsolating = rules.filter((r) => ruleIsolates(r, dir)).map((r) => r.policy);
  const npIsolating = local.kind === 'pod' && local.pod ? repo.netpols.isolating(local.pod, dir) : [];
  const isolating = dedupe([...ciliumIsolating, ...npIsolating]);
  const isolated = isolating.length > 0;
  const base = { direction: dir, isolated } as const;

  // 1. Deny rules.
  const denies: RuleRef[] = [];
  for (const r of rules) {
    for (const dr of r[DENY_FIELD[dir]]) {
      const m = matchRulePeers(repo, dr, peer, labels);
      if (!m || m.kind !== 'match') continue;
      const ports = matchingPortRules(dr, c.port, c.protocol, dstPorts, c.portName);
      if (ports === null || ports.length > 0) denies.push(refOf(r, m.path, m.wildcard));
    }
  }
  if (denies.length > 0) {
    return { ...base, outcome: 'denied', basis: 'deny-rule', rules: denies, conditions: [], reason: `${dir} ${what} ${towards} this peer denied by ${list(denies)} (deny rules take precedence)` };
  }

  // 2. The local host reaches local endpoints (allow-localhost.ts), whatever the allow rules and default deny say.
  if (dir === 'ingress' && isLocalHost(local, peer)) {
    const who = peer.pod ? `the host-network pod ${peer.pod.namespace}/${peer.pod.name}` : `${peer.ips[0] ?? 'the node'}`;
    return {
      ...base,
      outcome: 'allowed',
      basis: 'explicit',
      rules: [ALLOW_LOCALHOST],
      conditions: [],
      reason: `ingress ${what} from ${who}, identity host: node ${local.nodeName} is the one this endpoint runs on; allowed by Cilium/allow-localhost (the agent lets the local host reach local endpoints in Kubernetes mode${isolated ? ', even in default deny' : ''})`,
    };
  }

  // 3. Allow rules.
  const hits: AllowHit[] = [];
  for (const r of rules) {
    for (const ar of r[dir]) {
      const m = matchRulePeers(repo, ar, peer, labels);
      if (!m) continue;
      const portRules = matchingPortRules(ar, c.port, c.protocol, dstPorts, c.portName);
      if (portRules !== null && portRules.length === 0) continue;
      hits.push(m.kind === 'fqdn' ? { ref: refOf(r, m.path), portRules, fqdn: m.names } : { ref: refOf(r, m.path, m.wildcard), portRules });
    }
  }
  const npHits =
    local.kind === 'pod' && local.pod ? repo.netpols.allowing(local.pod, dir, peerEndpoint, peer.kind === 'external' && !peer.kubeApiserver, c.port, c.protocol, dstPorts).map((ref) => ({ ref, portRules: null }) as AllowHit) : [];
  const all = [...hits, ...npHits];
  if (all.some(isL4Only)) {
    const refs = dedupe(all.filter((h) => !h.fqdn).map((h) => h.ref));
    return { ...base, outcome: 'allowed', basis: 'explicit', rules: refs, conditions: [], reason: `${dir} ${what} ${towards} this peer allowed by ${list(refs)}` };
  }

  // 4. L7 and FQDN rules.
  if (all.length > 0) {
    const allowedBy: RuleRef[] = [];
    const conditions: string[] = [];
    let delegatedOnly = true;
    for (const h of all) {
      if (h.fqdn) {
        conditions.push(`destination address is one the DNS proxy resolved for ${h.fqdn.join(', ')} (${formatRuleRef(h.ref)}; toFQDNs is not decidable offline)`);
        continue;
      }
      for (const pr of h.portRules ?? []) {
        if (pr.serverNames.length > 0) {
          delegatedOnly = false;
          conditions.push(`TLS server name is one of ${pr.serverNames.join(', ')} (${formatRuleRef(h.ref)})`);
          continue;
        }
        if (!pr.l7) continue;
        const o = evaluateL7(pr.l7, c.request);
        if (o.outcome === 'allowed') allowedBy.push({ ...h.ref, path: `${pr.path}.rules` });
        else if (o.outcome === 'conditional') {
          delegatedOnly = false;
          conditions.push(`${o.condition} (${formatRuleRef(h.ref)})`);
        }
      }
    }
    if (allowedBy.length > 0) {
      const refs = dedupe(allowedBy);
      return { ...base, outcome: 'allowed', basis: 'explicit', rules: refs, conditions: [], reason: `${dir} ${what} ${towards} this peer allowed at L7 by ${list(refs)}` };
    }
    const l7Refs = dedupe(all.map((h) => h.ref));
    if (conditions.length > 0) {
      const basis: Basis = delegatedOnly ? 'delegated' : 'explicit';
      return { ...base, outcome: 'conditional', basis, rules: l7Refs, conditions, reason: `${dir} ${what} ${towards} this peer allowed only if: ${conditions.join('; ')}` };
    }
    const req = c.request ? `${c.request.method ?? '*'} ${c.request.path ?? '*'}` : 'the request';
    return { ...base, outcome: 'denied', basis: 'no-match', rules: l7Refs, conditions: [], reason: `${dir} ${what} ${towards} this peer: ${req} matches no L7 rule of ${list(l7Refs)}` };
  }

  // 5. Default deny or default allow.
  if (isolated) {
    return { ...base, outcome: 'denied', basis: 'no-match', rules: isolating, conditions: [], reason: `in default deny for ${dir} (selected by ${list(isolating)}); no rule allows ${what} ${towards} this peer` };
  }
  return { ...base, outcome: 'allowed', basis: 'default', rules: [], conditions: [], reason: `not in default deny for ${dir}: allowed by default` };
}

export function decideCilium(repo: CiliumRepository, c: Connection): LayerDecision {
  const src = repo.ids.endpoint(c.source);
  const dst = repo.ids.endpoint(c.destination);
  const directions: CiliumDirectionDecision[] = [];
  if (src.kind !== 'external') directions.push(decideCiliumDirection(repo, 'egress', src, dst, c.destination, c));
  if (dst.kind !== 'external') directions.push(decideCiliumDirection(repo, 'ingress', dst, src, c.source, c));
  const strip = (d: CiliumDirectionDecision): DirectionDecision => ({ direction: d.direction, isolated: d.isolated, outcome: d.outcome, basis: d.basis, rules: d.rules, reason: d.reason });
  const pick = (o: Outcome) => directions.filter((d) => d.outcome === o);
  const denied = pick('denied');
  if (denied.length > 0) {
    const d = denied[0]!;
    return { layer: 'cilium', outcome: 'denied', basis: d.basis, directions: directions.map(strip), rules: d.rules, reason: d.reason };
  }
  const conditional = pick('conditional');
  if (conditional.length > 0) {
    const conditions = conditional.flatMap((d) => d.conditions);
    return {
      layer: 'cilium',
      outcome: 'conditional',
      basis: conditional.every((d) => d.basis === 'delegated') ? 'delegated' : 'explicit',
      directions: directions.map(strip),
      rules: conditional.flatMap((d) => d.rules),
      conditions,
      reason: directions.map((d) => d.reason).join('; '),
    };
  }
  const explicit = directions.filter((d) => d.basis === 'explicit');
  return {
    layer: 'cilium',
    outcome: 'allowed',
    basis: explicit.length > 0 ? 'explicit' : 'default',
    directions: directions.map(strip),
    rules: explicit.flatMap((d) => d.rules),
    reason: directions.map((d) => d.reason).join('; ') || 'no Cilium endpoint on either end',
  };
}
