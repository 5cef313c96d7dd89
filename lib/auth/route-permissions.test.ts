import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { describe, expect, test } from 'vitest';
import { apiErrorSchema } from '@/lib/api/errors';
import { STATUS } from '@/lib/server/to-error-response';
import { authorizeWith, createProxy, createRateLimiter, DEFAULT_UPLOAD_LIMITS, hashSessionToken, PROXY_BODY_BYTES, requestUser, type RequestAudit, type Role, type SessionUser } from './index';

/**
 * Every route handler under app/api, found on disk so a new route is covered the day it lands,
 * called as anonymous and as each role with sign-in on: through the proxy when proxy.ts's matcher
 * selects it, else through the route's own gate (route-gate.ts, the same decision).
 */
const root = path.resolve(import.meta.dirname, '../..');
const METHOD = /export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b/g;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === 'route.ts' ? [full] : [];
  });
}

interface RouteCase {
  method: string;
  route: string;
  url: string;
}

/** proxy.ts's matcher compiled by Next's own build code; Next runs the proxy if the raw or the decoded path matches. */
const { getMiddlewareMatchers } = createRequire(import.meta.url)('next/dist/build/analysis/get-page-static-info.js') as {
  getMiddlewareMatchers(matcher: string[], nextConfig: object): { regexp: string }[];
};
const proxyTs = readFileSync(path.join(root, 'proxy.ts'), 'utf8');
const matcher = JSON.parse(`[${/matcher:\s*\[([^\]]*(?:\][^\]]*)*?)\],?\s*\n/.exec(proxyTs)![1]!.replace(/'/g, '"')}]`) as string[];
const matchers = getMiddlewareMatchers(matcher, {}).map((m) => new RegExp(m.regexp));
function proxied(url: string): boolean {
  const p = new URL(url, 'http://x').pathname;
  return matchers.some((re) => re.test(p) || re.test(decodeURIComponent(p)));
}

const routes: RouteCase[] = routeFiles(path.join(root, 'app/api')).flatMap((file) => {
  const route = `/${path.relative(path.join(root, 'app'), path.dirname(file)).split(path.sep).join('/')}`;
  const url = route.replace(/\[\.{0,3}[^\]]+\]/g, '00000000-0000-4000-8000-000000000001');
  return [...readFileSync(file, 'utf8').matchAll(METHOD)].map((m) => ({ method: m[1]!, route, url }));
});

/** Written out by hand (not derived from permissions.ts) so a wrong rule fails here. */
const EXPECTED: Record<string, Role | 'public'> = {
  'GET /api/health': 'public',
  'POST /api/auth/signin': 'public',
  'POST /api/auth/signout': 'public',
  'GET /api/auth/me': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'GET /api/admin/users': 'admin',
  'POST /api/admin/users': 'admin',
  'PATCH /api/admin/users/[id]': 'admin',
  'GET /api/admin/audit': 'admin',
  'DELETE /api/snapshots/[id]': 'admin',
  'GET /api/snapshots': 'viewer',
  'POST /api/snapshots': 'editor',
  'GET /api/snapshots/[id]': 'viewer',
  'GET /api/snapshots/[id]/graph': 'viewer',
  'POST /api/snapshots/[id]/imports': 'editor',
  'POST /api/snapshots/[id]/drafts': 'editor',
  'GET /api/drafts/[draftId]/export': 'viewer',
  'PATCH /api/drafts/[draftId]': 'editor',
  'DELETE /api/drafts/[draftId]': 'editor',
};

/** Routes not listed above: reading needs a viewer, changing anything an editor. */
function expectedFor(r: RouteCase): Role | 'public' {
  return EXPECTED[`${r.method} ${r.route}`] ?? (r.method === 'GET' || r.method === 'HEAD' ? 'viewer' : 'editor');
}

const users: Record<Role, SessionUser> = {
  viewer: { id: 'u-viewer', username: 'vera', role: 'viewer' },
  editor: { id: 'u-editor', username: 'eddie', role: 'editor' },
  admin: { id: 'u-admin', username: 'ada', role: 'admin' },
};
const tokens = Object.fromEntries(Object.keys(users).map((r) => [hashSessionToken(`token-${r}`), users[r as Role]]));

const lookupSession = async (hash: string) => tokens[hash] ?? null;

function makeProxy(env: Record<string, string> = { EASTWEST_AUTH: '1' }) {
  const audits: RequestAudit[] = [];
  const proxy = createProxy({ env, limits: DEFAULT_UPLOAD_LIMITS, lookupSession, audit: async (e) => void audits.push(e) });
  return { proxy, audits };
}

/** The gate of a route outside the proxy, as lib/auth/authorize-request.ts wires it, with a fake session table. */
function makeRouteGate(env: Record<string, string> = { EASTWEST_AUTH: '1' }, uploadsPerMinute = 1000) {
  const deps = { env, limits: DEFAULT_UPLOAD_LIMITS, lookupSession, uploadLimiter: createRateLimiter({ limit: uploadsPerMinute, windowMs: 60_000 }) };
  return async (request: Request) => {
    const r = await authorizeWith(deps, request, { upload: true });
    return r.ok ? { allowed: true, status: 200, response: null } : { allowed: false, status: r.response.status, response: r.response };
  };
}

function request(r: RouteCase, as: Role | null, headers: Record<string, string> = {}): NextRequest {
  const body: Record<string, string> = r.method !== 'GET' && r.method !== 'HEAD' ? { 'content-length': '2' } : {};
  const h = new Headers({ host: 'eastwest.example:3000', ...body, ...headers });
  for (const [name, value] of Object.entries(headers)) if (value === '') h.delete(name); // '' removes a default
  if (as) h.set('cookie', `eastwest_session=token-${as}`);
  return new NextRequest(`http://eastwest.example:3000${r.url}`, { method: r.method, headers: h });
}

const allowed = (res: Response) => res.headers.get('x-middleware-next') === '1';
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

describe('every API route, as every role', () => {
  test('finds the route files', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => `${r.method} ${r.route}`)).toContain('DELETE /api/snapshots/[id]');
  });

  test('only the upload route is left out of the proxy, and it guards itself', () => {
    const outside = routes.filter((r) => !proxied(r.url)).map((r) => `${r.method} ${r.route}`);
    expect(outside).toEqual(['POST /api/snapshots/[id]/imports']);
    for (const r of routes.filter((x) => !proxied(x.url))) {
      const source = readFileSync(path.join(root, 'app', r.route, 'route.ts'), 'utf8');
      expect(source).toMatch(/await authorizeRequest\(request/);
    }
  });

  test.each(routes)('$method $route', async (r) => {
    const { proxy } = makeProxy();
    const gate = makeRouteGate();
    const check = async (as: Role | null) => {
      const req = request(r, as);
      if (!proxied(r.url)) return gate(req);
      const res = await proxy(req);
      return { allowed: allowed(res), status: res.status };
    };
    const needs = expectedFor(r);
    const anonymous = await check(null);
    if (needs === 'public') expect(anonymous.allowed).toBe(true);
    else expect(anonymous.status).toBe(401);
    for (const role of Object.keys(users) as Role[]) {
      const res = await check(role);
      const ok = needs === 'public' || RANK[role] >= RANK[needs];
      expect({ role, allowed: res.allowed, status: res.status }).toEqual({ role, allowed: ok, status: ok ? 200 : 403 });
    }
  });
});

describe("proxy.ts's matcher", () => {
  test.each([
    ['/api/snapshots/s1/imports', false],
    ['/api/snapshots/s1/imports?fileName=a.json', false],
    ['/api/snapshots/s1', true],
    ['/api/snapshots', true],
    ['/api/snapshots/s1/imports/x', true],
    ['/api/snapshots/s1/importsx', true],
    ['/api/snapshots/s1/imports.rsc', true],
    ['/api/snapshots/s1/%69mports', true],
    ['/api/admin/users', true],
    ['/graph', true],
    ['/', true],
    ['/_next/static/chunks/a.js', false],
  ])('%s proxied: %s', (url, expected) => {
    expect(proxied(url)).toBe(expected);
  });
});

describe('the proxy', () => {
  const createRoute: RouteCase = { method: 'POST', route: '/api/snapshots', url: '/api/snapshots' };
  const graphRoute: RouteCase = { method: 'GET', route: '/api/snapshots/[id]/graph', url: '/api/snapshots/s1/graph' };

  test('sends pages to the sign-in page when nobody is signed in', async () => {
    const { proxy } = makeProxy();
    const res = await proxy(request({ method: 'GET', route: '/graph', url: '/graph?snapshot=1' }, null));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://eastwest.example:3000/login?next=%2Fgraph');
  });

  test.each([
    ['/api//admin/users', 'doubled slash'],
    ['/api/admin/users/', 'trailing slash'],
    ['/api/%61dmin/users', 'percent-encoded'],
  ])('does not let %s (%s) past the admin rule', async (url) => {
    const { proxy } = makeProxy();
    expect((await proxy(request({ method: 'GET', route: url, url }, 'editor'))).status).toBe(403);
  });

  test('drops identity headers a client sends', async () => {
    const { proxy } = makeProxy();
    const res = await proxy(request(graphRoute, null, { 'x-eastwest-role': 'admin', 'x-eastwest-user': 'mallory' }));
    expect(res.status).toBe(401);
    const ok = await proxy(request(graphRoute, 'viewer', { 'x-eastwest-role': 'admin' }));
    expect(ok.headers.get('x-middleware-request-x-eastwest-role')).toBe('viewer');
  });

  test.each([
    [{ 'sec-fetch-site': 'cross-site' }, 403],
    [{ origin: 'https://evil.example' }, 403],
    [{ origin: 'null' }, 403],
    [{ origin: 'http://eastwest.example:3000', 'sec-fetch-site': 'same-origin' }, 200],
    [{}, 200],
  ])('CSRF: a POST with %o gets %i', async (headers, status) => {
    const { proxy } = makeProxy();
    expect((await proxy(request(createRoute, 'editor', headers))).status).toBe(status);
  });

  test("refuses a body larger than Next's proxy buffer with 413 before reading it, and audits the refusal", async () => {
    const { proxy, audits } = makeProxy();
    expect(allowed(await proxy(request(createRoute, 'editor', { 'content-length': String(PROXY_BODY_BYTES) })))).toBe(true);
    const res = await proxy(request(createRoute, 'editor', { 'content-length': String(PROXY_BODY_BYTES + 1) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('request body of 10.0 MiB exceeds the limit of 10.0 MiB (requests other than file imports)');
    expect(audits).toEqual([{ actor: 'eddie', userId: 'u-editor', method: 'POST', path: '/api/snapshots', query: '', status: 413 }]);
  });

  test('leaves requests it lets through to handle() for the audit log, so each is recorded once with its final status', async () => {
    const { proxy, audits } = makeProxy();
    await proxy(request(graphRoute, 'viewer'));
    await proxy(request({ ...createRoute, url: `${createRoute.url}?via=test` }, 'editor'));
    await proxy(request({ method: 'GET', route: '/api/drafts/[draftId]/export', url: '/api/drafts/d1/export' }, 'viewer'));
    expect(audits).toEqual([]);
  });

  test('audits the refusal of an export and of a report download with the user', async () => {
    const { proxy, audits } = makeProxy();
    await proxy(request({ method: 'GET', route: '/api/drafts/[draftId]/export', url: '/api/drafts/d1/export' }, null, { 'sec-fetch-site': 'cross-site' }));
    await proxy(request({ method: 'GET', route: '/api/snapshots/[id]/report', url: '/api/snapshots/s1/report?download=1' }, null));
    await proxy(request({ method: 'GET', route: '/api/snapshots/[id]/report', url: '/api/snapshots/s1/report' }, null));
    expect(audits).toEqual([
      { actor: 'anonymous', userId: null, method: 'GET', path: '/api/drafts/d1/export', query: '', status: 401 },
      { actor: 'anonymous', userId: null, method: 'GET', path: '/api/snapshots/s1/report', query: '?download=1', status: 401 },
    ]);
  });

  test.each([
    ['an anonymous call', null, {}],
    ['a viewer changing state', 'viewer', {}],
    ['a cross-site POST', 'editor', { 'sec-fetch-site': 'cross-site' }],
    ['an oversized body', 'editor', { 'content-length': String(PROXY_BODY_BYTES + 1) }],
    ['a chunked body', 'editor', { 'content-length': '', 'transfer-encoding': 'chunked' }],
  ] as const)('answers %s with an error code whose STATUS is the response status', async (_name, as, headers) => {
    const { proxy } = makeProxy();
    const res = await proxy(request(createRoute, as, headers));
    const body = apiErrorSchema.parse(await res.json());
    expect(STATUS[body.error.code]).toBe(res.status);
  });

  test('sets security headers and a nonce CSP on pages', async () => {
    const { proxy } = makeProxy();
    const res = await proxy(request({ method: 'GET', route: '/', url: '/' }, 'viewer'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-middleware-request-x-nonce')).toBe(/'nonce-([^']+)'/.exec(csp)?.[1]);
  });

  describe('with sign-in off (local single-user default)', () => {
    const local = { HOST: '127.0.0.1' };
    test('lets a local request through as the local admin', async () => {
      const { proxy } = makeProxy(local);
      const res = await proxy(request({ method: 'DELETE', route: '/api/snapshots/[id]', url: '/api/snapshots/s1' }, null, { host: '127.0.0.1:3000' }));
      expect(allowed(res)).toBe(true);
      expect(res.headers.get('x-middleware-request-x-eastwest-user')).toBe('local');
    });
    test('refuses a request addressed to another name (DNS rebinding)', async () => {
      const { proxy } = makeProxy(local);
      expect((await proxy(request(graphRoute, null, { host: 'rebind.evil.example' }))).status).toBe(403);
    });
  });
});

describe("the upload route's own gate (outside the proxy)", () => {
  const importRoute: RouteCase = { method: 'POST', route: '/api/snapshots/[id]/imports', url: '/api/snapshots/s1/imports?fileName=flows.jsonl' };

  test.each([
    [{ 'sec-fetch-site': 'cross-site' }, 403],
    [{ origin: 'https://evil.example' }, 403],
    [{ origin: 'null' }, 403],
    [{ origin: 'http://eastwest.example:3000', 'sec-fetch-site': 'same-origin' }, 200],
    [{}, 200],
  ])('CSRF: a POST with %o gets %i', async (headers, status) => {
    expect((await makeRouteGate()(request(importRoute, 'editor', headers))).status).toBe(status);
  });

  test('takes uploads up to EASTWEST_MAX_REQUEST_BYTES, far above the proxy buffer, and refuses more with 413', async () => {
    const gate = makeRouteGate();
    expect((await gate(request(importRoute, 'editor', { 'content-length': String(DEFAULT_UPLOAD_LIMITS.maxRequestBytes) }))).allowed).toBe(true);
    const refused = await gate(request(importRoute, 'editor', { 'content-length': String(DEFAULT_UPLOAD_LIMITS.maxRequestBytes + 1) }));
    expect(refused.status).toBe(413);
    expect(apiErrorSchema.parse(await refused.response!.json()).error).toEqual({ code: 'payload-too-large', message: 'request body of 256.0 MiB exceeds the limit of 256.0 MiB (EASTWEST_MAX_REQUEST_BYTES)' });
    expect((await gate(request(importRoute, 'editor', { 'content-length': '', 'transfer-encoding': 'chunked' }))).status).toBe(411);
  });

  test('rate-limits uploads per user with 429 and Retry-After', async () => {
    const gate = makeRouteGate({ EASTWEST_AUTH: '1' }, 2);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await gate(request(importRoute, 'editor')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(Number(answers[2]!.response!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await gate(request(importRoute, 'admin'))).status).toBe(200);
  });

  test('answers refusals with the JSON error shape and the security headers', async () => {
    const res = (await makeRouteGate()(request(importRoute, null))).response!;
    expect(apiErrorSchema.parse(await res.json()).error.code).toBe('unauthorized');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  test('ignores identity headers a client sends: nobody stripped them, so the session alone says who calls', async () => {
    const gate = makeRouteGate();
    const forged = { 'x-eastwest-role': 'admin', 'x-eastwest-user': 'mallory' };
    expect((await gate(request(importRoute, null, forged))).status).toBe(401);
    const req = request(importRoute, 'viewer', forged);
    expect((await gate(req)).status).toBe(403);
    expect(requestUser(req)).toEqual(users.viewer);
  });

  test('with sign-in off, answers only requests addressed to loopback, as the local admin', async () => {
    const gate = makeRouteGate({ HOST: '127.0.0.1' });
    const local = request(importRoute, null, { host: '127.0.0.1:3000' });
    expect((await gate(local)).allowed).toBe(true);
    expect(requestUser(local)?.username).toBe('local');
    expect((await gate(request(importRoute, null, { host: 'rebind.evil.example' }))).status).toBe(403);
  });
});
