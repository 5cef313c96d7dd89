import type { HttpRequest } from '../../model/verdict';
import type { HttpRule, L7Rules } from './types';

export type L7Outcome = { outcome: 'allowed'; matched: string[] } | { outcome: 'denied' } | { outcome: 'conditional'; condition: string };

/** Envoy matches Cilium's `method`, `path` and `host` as RE2 regular expressions against the whole value. */
const fullMatch = (regex: string, value: string) => new RegExp(`^(?:${regex})$`).test(value);

const isWildcard = (r: HttpRule) => !r.method && !r.pathRegex && !r.host && r.headers.length === 0 && r.headerMatches.length === 0;

export function describeHttpRule(r: HttpRule): string {
  const parts = [r.method ?? '*', r.pathRegex ?? '/*'];
  if (r.host) parts.push(`host ${r.host}`);
  for (const h of r.headers) parts.push(h.value !== undefined ? `${h.name}: ${h.value}` : `has ${h.name}`);
  for (const h of r.headerMatches) parts.push(h.secret ? `${h.name}: <secret>` : h.value !== undefined ? `${h.name}: ${h.value}` : `has ${h.name}`);
  return parts.join(' ');
}

/** `unknown` when the rule looks at a field the query leaves open (no method, no path, or a secret value). */
function matchHttpRule(r: HttpRule, req: HttpRequest): 'match' | 'no' | 'unknown' {
  const headers = req.headers ?? {};
  let unknown = false;
  if (r.method) {
    if (req.method === undefined) unknown = true;
    else if (!fullMatch(r.method, req.method)) return 'no';
  }
  if (r.pathRegex) {
    if (req.path === undefined) unknown = true;
    else if (!fullMatch(r.pathRegex, req.path)) return 'no';
  }
  if (r.host) {
    const host = headers['host'] ?? headers[':authority'];
    if (host === undefined || !fullMatch(r.host, host)) return 'no';
  }
  for (const h of r.headers) {
    const v = headers[h.name];
    if (v === undefined || (h.value !== undefined && v !== h.value)) return 'no';
  }
  for (const h of r.headerMatches) {
    const v = headers[h.name];
    if (v === undefined) return 'no';
    if (h.secret) unknown = true;
    else if (h.value !== undefined && v !== h.value) return 'no';
  }
  return unknown ? 'unknown' : 'match';
}

/**
 * Decides the L7 part of one allow rule: "A layer 7 request is permitted if at least one of the rules matches.
 * If no rules are specified, then all traffic is permitted." (https://docs.cilium.io/en/stable/security/policy/layer7/)
 * Without a request in the query the answer is `conditional` unless a rule admits every request.
 */
export function evaluateL7(l7: L7Rules, request: HttpRequest | undefined): L7Outcome {
  switch (l7.kind) {
    case 'http': {
      if (l7.rules.length === 0) return { outcome: 'allowed', matched: [] };
      const wild = l7.rules.find(isWildcard);
      if (wild) return { outcome: 'allowed', matched: [wild.path] };
      const cond = `HTTP request matches one of: ${l7.rules.map(describeHttpRule).join('; ')}`;
      if (!request) return { outcome: 'conditional', condition: cond };
      const results = l7.rules.map((r) => [r, matchHttpRule(r, request)] as const);
      const matched = results.filter(([, m]) => m === 'match').map(([r]) => r.path);
      if (matched.length > 0) return { outcome: 'allowed', matched };
      if (results.some(([, m]) => m === 'unknown')) return { outcome: 'conditional', condition: cond };
      return { outcome: 'denied' };
    }
    case 'dns': {
      // DNS rules are checked by the DNS proxy per query name; `*` admits every name.
      if (l7.patterns.length === 0 || l7.patterns.every((p) => p === '*')) return { outcome: 'allowed', matched: [] };
      return { outcome: 'conditional', condition: `DNS query name matches ${l7.patterns.join(', ')}` };
    }
    case 'other':
      return { outcome: 'conditional', condition: `decided by ${l7.what}, which Eastwest does not evaluate` };
  }
}
