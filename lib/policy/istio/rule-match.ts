import { parseAddressOrCidr } from '../mesh/cidr';
import { cidrContains } from '../model/cidr';
import type { KnownRequest } from '../mesh/request';
import { type Tri, UNKNOWN, triAnd, triNot, triOr } from '../mesh/tri';
import type { AttributeCheck, AuthorizationAction, IstioRule } from './model';
import { escapeRegex, fullMatch, matchIstioPath, matchIstioString, matchRequestPrincipal } from './string-match';

/** What the destination sidecar knows about one connection or request. */
export interface IstioMatchContext {
  /** The port is handled by the TCP filter chain: HTTP attributes do not exist. */
  tcp: boolean;
  /** Peer principal from the mTLS certificate (without `spiffe://`); `null` for plaintext. */
  principal: string | null;
  sourceIp?: string;
  destinationIp?: string;
  port: number;
  /** Namespace of the policy being evaluated (`serviceAccounts` without a namespace refer to it). */
  policyNamespace: string;
  /** The mesh trust domain: policy principals in `cluster.local` mean the local trust domain. */
  trustDomain: string;
  /** The HTTP request; `null` = any request on this port (L7 attributes unknown). */
  request: KnownRequest | null;
}


function jwtIssSub(rp: string): { iss: string; sub: string } {
  const i = rp.lastIndexOf('/');
  return i >= 0 ? { iss: rp.slice(0, i), sub: rp.slice(i + 1) } : { iss: rp, sub: '' };
}

/**
 * "cluster.local" in a policy principal points at the local trust domain (pilot/pkg/security/trustdomain/bundle.go
 * ReplaceTrustDomainAliases), so such policies keep working after the trust domain is changed.
 */
export function localTrustDomain(principal: string, trustDomain: string): string {
  return principal.startsWith('cluster.local/') ? `${trustDomain}${principal.slice('cluster.local'.length)}` : principal;
}

function matchesValue(key: string, value: string, ctx: IstioMatchContext): Tri {
  const spiffe = ctx.principal === null ? null : `spiffe://${ctx.principal}`;
  switch (key) {
    case 'source.principal':
      return ctx.principal !== null && matchIstioString(localTrustDomain(value, ctx.trustDomain), ctx.principal);
    case 'source.namespace':
      // Istio derives the namespace from the peer certificate: `.*/ns/<ns>/.*` over the URI SAN.
      return spiffe !== null && fullMatch(`.*/ns/${value.split('*').map(escapeRegex).join('.*')}/.*`, spiffe);
    case 'source.serviceAccount': {
      const [ns, sa] = value.includes('/') ? (value.split('/', 2) as [string, string]) : [ctx.policyNamespace, value];
      return spiffe !== null && fullMatch(`spiffe://.+/ns/${escapeRegex(ns)}/(.+/|)sa/${escapeRegex(sa)}(/.+)?`, spiffe);
    }
    case 'source.trustDomain': {
      if (spiffe === null) return false;
      if (value === '*') return true;
      if (!value.includes('*')) return spiffe.startsWith(`spiffe://${value}/`);
      const [a = '', b = ''] = value.split('*', 2);
      return fullMatch(`spiffe://${escapeRegex(a)}[^/]*${escapeRegex(b)}/.*`, spiffe);
    }
    case 'source.ip':
    case 'remote.ip': {
      // remote.ip is the original client from X-Forwarded-For only behind trusted proxies (numTrustedProxies);
      // a sidecar sees the direct peer, so both are the source address here.
      if (!ctx.sourceIp) return UNKNOWN;
      const cidr = parseAddressOrCidr(value);
      return cidr !== null && cidrContains(cidr, ctx.sourceIp);
    }
    case 'destination.ip': {
      if (!ctx.destinationIp) return UNKNOWN;
      const cidr = parseAddressOrCidr(value);
      return cidr !== null && cidrContains(cidr, ctx.destinationIp);
    }
    case 'destination.port':
      return Number(value) === ctx.port;
  }
  if (!key.startsWith('request.')) return UNKNOWN; // connection.sni, experimental.envoy.filters.*: not in a query
  const req = ctx.request;
  if (req === null) return UNKNOWN;
  switch (key) {
    case 'request.method':
      return req.method === undefined ? UNKNOWN : matchIstioString(value, req.method);
    case 'request.path':
      return req.path === undefined ? UNKNOWN : matchIstioPath(value, req.path.split('?')[0] ?? '');
    case 'request.host':
      return req.host === undefined ? UNKNOWN : matchIstioString(value, req.host, true);
    case 'request.auth.principal':
      return req.requestPrincipal !== null && matchRequestPrincipal(value, req.requestPrincipal);
    case 'request.auth.audiences':
    case 'request.auth.presenter':
      return req.requestPrincipal === null ? false : UNKNOWN;
  }
  const header = /^request\.headers\[(.+)\]$/.exec(key);
  if (header?.[1] !== undefined) {
    const v = req.headers[header[1].toLowerCase()];
    return v !== undefined && (value === '*' ? true : matchIstioString(value, v));
  }
  const claim = /^request\.auth\.claims\[([^\]]+)\]$/.exec(key);
  if (req.requestPrincipal === null) return false; // no JWT: no claims at all
  if (claim?.[1] === 'iss' || claim?.[1] === 'sub') return matchIstioString(value, jwtIssSub(req.requestPrincipal)[claim[1]]);
  return UNKNOWN; // other claims are not part of a query
}

function evaluateCheck(c: AttributeCheck, ctx: IstioMatchContext): Tri {
  // On a TCP filter chain HTTP-only attributes cannot be processed: ALLOW rules using them are skipped
  // (never match); for DENY/AUDIT/CUSTOM the attribute is ignored, which widens the rule
  // (https://istio.io/latest/docs/reference/config/security/authorization-policy/ "When this rule is applied to TCP traffic").
  if (c.httpOnly && ctx.tcp) return true;
  const values = c.values.filter((v) => !c.invalid.includes(v));
  const notValues = c.notValues.filter((v) => !c.invalid.includes(v));
  const pos: Tri = values.length ? triOr(values.map((v) => matchesValue(c.key, v, ctx))) : true;
  const neg: Tri = notValues.length ? triNot(triOr(notValues.map((v) => matchesValue(c.key, v, ctx)))) : true;
  return triAnd([pos, neg]);
}

export function allChecks(rule: IstioRule): AttributeCheck[] {
  return [...(rule.from ?? []).flat(), ...(rule.to ?? []).flat(), ...rule.when];
}

/** Why Istio drops a rule before evaluating it, or `null`. */
export function skippedReason(rule: IstioRule, ctx: IstioMatchContext, action: AuthorizationAction): string | null {
  if (rule.unknownKey !== undefined) return `unknown condition key ${rule.unknownKey}`;
  if (action !== 'ALLOW') return null;
  for (const c of allChecks(rule)) {
    if (c.httpOnly && ctx.tcp) return `${c.field} only applies to HTTP, and port ${ctx.port} is TCP`;
    if (c.invalid.length) return `${c.field} has invalid values ${c.invalid.join(', ')}`;
  }
  return null;
}

/** A rule matches when one `from`, one `to` and every `when` match; an empty rule always matches. */
export function evaluateRule(rule: IstioRule, ctx: IstioMatchContext, action: AuthorizationAction): Tri {
  if (skippedReason(rule, ctx, action) !== null) return false;
  const group = (entries: AttributeCheck[][] | null): Tri => (entries === null ? true : triOr(entries.map((checks) => triAnd(checks.map((c) => evaluateCheck(c, ctx))))));
  return triAnd([group(rule.from), group(rule.to), triAnd(rule.when.map((c) => evaluateCheck(c, ctx)))]);
}

const LABELS: Record<string, [string, string]> = {
  'request.method': ['methods', 'notMethods'],
  'request.path': ['paths', 'notPaths'],
  'request.host': ['hosts', 'notHosts'],
  'request.auth.principal': ['requestPrincipals', 'notRequestPrincipals'],
};

/** The L7 part of a rule that a query without a request cannot decide, e.g. `methods GET,POST; paths /api/v1/users*`. */
export function describeUnknownChecks(rule: IstioRule, ctx: IstioMatchContext): string {
  const parts: string[] = [];
  for (const c of allChecks(rule)) {
    if (evaluateCheck(c, ctx) !== UNKNOWN) continue;
    const [pos, neg] = LABELS[c.key] ?? [c.key, `not ${c.key}`];
    if (c.values.length) parts.push(`${pos} ${c.values.join(',')}`);
    if (c.notValues.length) parts.push(`${neg} ${c.notValues.join(',')}`);
  }
  return [...new Set(parts)].join('; ');
}

/** True when the rule has no source constraints (it admits every caller). */
export function isWildcardSource(rule: IstioRule): boolean {
  return rule.from === null || rule.from.some((checks) => checks.length === 0);
}
