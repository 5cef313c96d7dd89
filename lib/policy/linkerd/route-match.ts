import type { KnownRequest } from '../mesh/request';
import { type Tri, UNKNOWN, triAnd } from '../mesh/tri';
import type { HttpRouteMatch, LinkerdRoute } from './model';

/**
 * Gateway API route matching as the Linkerd proxy applies it to inbound requests
 * (https://linkerd.io/2-edge/reference/httproute/): every field of one match must hold; a rule matches when any of
 * its matches does. `null` request = any request on the port (unknown).
 */
export function matchRoute(m: HttpRouteMatch, req: KnownRequest | null): Tri {
  const isCatchAll = !m.method && !m.grpc && m.headers.length === 0 && m.queryParams === 0 && (!m.path || (m.path.type === 'PathPrefix' && m.path.value === '/'));
  if (isCatchAll) return true;
  if (req === null) return UNKNOWN;
  const parts: Tri[] = [];
  const path = req.path;
  if (m.path) {
    if (path === undefined) parts.push(UNKNOWN);
    else if (m.path.type === 'Exact') parts.push(path === m.path.value);
    else if (m.path.type === 'RegularExpression') parts.push(new RegExp(`^(?:${m.path.value})$`).test(path));
    else {
      // PathPrefix matches whole segments: /foo matches /foo and /foo/bar, not /foobar.
      const prefix = m.path.value.replace(/\/+$/, '');
      parts.push(prefix === '' || path === prefix || path.startsWith(`${prefix}/`));
    }
  }
  if (m.method) parts.push(req.method === undefined ? UNKNOWN : req.method === m.method);
  if (m.grpc) {
    // gRPC requests are POST /<service>/<method>.
    const g = /^\/([^/]+)\/([^/]+)$/.exec(path ?? '');
    if (path === undefined) parts.push(UNKNOWN);
    else if (!g) parts.push(false);
    else {
      const eq = (want: string | undefined, got: string) => want === undefined || (m.grpc?.type === 'RegularExpression' ? new RegExp(`^(?:${want})$`).test(got) : want === got);
      parts.push(eq(m.grpc.service, g[1] ?? '') && eq(m.grpc.method, g[2] ?? ''));
    }
  }
  for (const h of m.headers) {
    const v = req.headers[h.name];
    parts.push(v !== undefined && (h.type === 'Exact' ? v === h.value : new RegExp(`^(?:${h.value})$`).test(v)));
  }
  // Query parameters are not part of a query (the path has no query string): unknown.
  if (m.queryParams > 0) parts.push(UNKNOWN);
  return triAnd(parts);
}

export interface RouteHit {
  route: LinkerdRoute;
  rule: number;
  match: HttpRouteMatch;
  result: Tri;
}

export function routeHits(routes: LinkerdRoute[], req: KnownRequest | null): RouteHit[] {
  return routes.flatMap((route) => route.rules.flatMap((r) => r.matches.map((match) => ({ route, rule: r.index, match, result: matchRoute(match, req) }))));
}

/**
 * Gateway API precedence among matching routes: Exact path, then the longest prefix, then method, then the most
 * headers, then the most query parameters, then the oldest route, then name.
 */
export function precedence(a: RouteHit, b: RouteHit): number {
  const kind = (h: RouteHit) => (h.match.path?.type === 'Exact' ? 2 : h.match.path?.type === 'RegularExpression' ? 1 : 0);
  const len = (h: RouteHit) => h.match.path?.value.length ?? 0;
  return (
    kind(b) - kind(a) ||
    len(b) - len(a) ||
    Number(!!b.match.method) - Number(!!a.match.method) ||
    b.match.headers.length - a.match.headers.length ||
    b.match.queryParams - a.match.queryParams ||
    (a.route.createdAt ?? '').localeCompare(b.route.createdAt ?? '') ||
    `${a.route.namespace}/${a.route.name}`.localeCompare(`${b.route.namespace}/${b.route.name}`)
  );
}

export function describeMatch(m: HttpRouteMatch): string {
  const parts: string[] = [];
  if (m.method) parts.push(m.method);
  if (m.path) parts.push(`${m.path.type === 'PathPrefix' ? 'prefix ' : m.path.type === 'RegularExpression' ? 'regex ' : ''}${m.path.value}`);
  if (m.grpc) parts.push(`gRPC ${m.grpc.service ?? '*'}/${m.grpc.method ?? '*'}`);
  for (const h of m.headers) parts.push(`header ${h.name}=${h.value}`);
  if (m.queryParams) parts.push(`${m.queryParams} query param match(es)`);
  return parts.length ? parts.join(' ') : 'any request';
}
