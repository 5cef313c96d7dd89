import type { ApiErrorCode } from '@/lib/api/errors';
import type { Env } from './env';
import { NextResponse, type NextRequest } from 'next/server';
import { hostOf, isAuthRequired, isLoopbackHost } from './auth-mode';
import { isAuditedRequest } from './audited-request';
import { checkCsrf } from './csrf';
import { isStateChanging, normalizePath, requiredRole } from './permissions';
import type { RateLimiter } from './rate-limit';
import { hasRole, type Role } from './roles';
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from './security-headers';
import { hashSessionToken, SESSION_COOKIE_NAMES } from './session-token';
import { checkRequestSize, type UploadLimits } from './upload-limits';

export interface SessionUser {
  /** null for the implicit local user when sign-in is off. */
  id: string | null;
  username: string;
  role: Role;
}

/** What the proxy records for an audited API call it refuses itself: never bodies, never cookies. */
export interface RequestAudit {
  actor: string;
  userId: string | null;
  method: string;
  path: string;
  /** The query string (e.g. `?fileName=flows.jsonl`), at most 300 characters; '' when none. */
  query: string;
  /** Status the proxy answered with (401, 403, 413, 411, 429); forwarded requests are audited by lib/server/handle.ts. */
  status: number;
}

export interface ProxyDeps {
  env: Env;
  limits: UploadLimits;
  uploadLimiter: RateLimiter;
  lookupSession(tokenHash: string): Promise<SessionUser | null>;
  audit(entry: RequestAudit): Promise<void>;
}

/** Headers the proxy sets for route handlers; any a client sends are dropped first. */
export const IDENTITY_HEADERS = { user: 'x-eastwest-user', userId: 'x-eastwest-user-id', role: 'x-eastwest-role' } as const;
const LOCAL_USER: SessionUser = { id: null, username: 'local', role: 'admin' };

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function isUpload(method: string, path: string): boolean {
  return method === 'POST' && /\/imports$/.test(path);
}

function jsonError(status: number, code: ApiErrorCode, message: string, extra: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers: extra });
}

function withHeaders(response: NextResponse, csp: string | null): NextResponse {
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(k, v);
  if (csp) response.headers.set('Content-Security-Policy', csp);
  return response;
}

/**
 * The central gate of issue 10, run by Next before every page and route handler: upload size,
 * CSRF, sign-in, role, upload rate, audit, security headers. Route handlers read who is calling
 * from IDENTITY_HEADERS (see lib/auth/current-user.ts).
 */
export function createProxy(deps: ProxyDeps) {
  return async function proxy(request: NextRequest): Promise<NextResponse> {
    const method = request.method.toUpperCase();
    const path = normalizePath(request.nextUrl.pathname);
    const api = isApi(path);
    const nonce = api ? null : newNonce();
    const csp = nonce ? contentSecurityPolicy(nonce, deps.env.NODE_ENV === 'development') : null;
    const mutating = isStateChanging(method);
    const query = request.nextUrl.search.slice(0, 300);
    let user: SessionUser | null = null;

    const refuse = async (status: number, code: ApiErrorCode, message: string, extra?: Record<string, string>) => {
      if (isAuditedRequest(method, path, request.nextUrl.searchParams)) {
        await safeAudit(deps, { actor: user?.username ?? 'anonymous', userId: user?.id ?? null, method, path, query, status });
      }
      // Pages get a plain-text answer a person can read; API clients get the usual JSON error.
      const response = api ? jsonError(status, code, message, extra) : new NextResponse(`${status}: ${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
      return withHeaders(response, csp);
    };

    if (mutating) {
      const csrf = checkCsrf(request.headers);
      if (csrf) return refuse(403, 'forbidden', csrf);
    }

    const needs = requiredRole(method, path);
    if (!isAuthRequired(deps.env)) {
      // Sign-in is off: answer only requests addressed to loopback, which stops DNS rebinding
      // (a hostile page whose name resolves to 127.0.0.1 sends its own name as Host).
      const host = request.headers.get('host');
      if (host && !isLoopbackHost(hostOf(host))) {
        return refuse(403, 'forbidden', 'sign-in is off, so Eastwest answers only requests to localhost; set EASTWEST_AUTH=1 to serve other names');
      }
      user = LOCAL_USER;
    } else {
      const token = SESSION_COOKIE_NAMES.map((n) => request.cookies.get(n)?.value).find(Boolean);
      user = token && token.length <= 256 ? await deps.lookupSession(hashSessionToken(token)) : null;
      if (needs !== 'public') {
        if (!user) {
          if (api) return refuse(401, 'unauthorized', 'sign in first');
          const login = new URL('/login', request.url);
          login.searchParams.set('next', path);
          return withHeaders(NextResponse.redirect(login, 303), csp);
        }
        if (!hasRole(user.role, needs)) return refuse(403, 'forbidden', `this needs the ${needs} role; you are ${user.role}`);
      }
    }

    // After sign-in, so a refusal names the user; before the route, so the body is never read.
    const tooBig = checkRequestSize(method, request.headers, deps.limits);
    if (tooBig) return refuse(tooBig.status, tooBig.status === 413 ? 'payload-too-large' : 'length-required', tooBig.message);

    if (user && isUpload(method, path) && !deps.uploadLimiter.hit(`${user.username}`)) {
      const after = String(deps.uploadLimiter.retryAfter(user.username));
      return refuse(429, 'rate-limited', `too many uploads; try again in ${after} s`, { 'Retry-After': after });
    }

    const headers = new Headers(request.headers);
    for (const name of Object.values(IDENTITY_HEADERS)) headers.delete(name);
    if (user) {
      headers.set(IDENTITY_HEADERS.user, encodeURIComponent(user.username));
      headers.set(IDENTITY_HEADERS.role, user.role);
      if (user.id) headers.set(IDENTITY_HEADERS.userId, user.id);
    }
    if (nonce && csp) {
      headers.set('x-nonce', nonce);
      headers.set('Content-Security-Policy', csp);
    }
    // No entry here for requests that go on to a route handler: lib/server/handle.ts records them once
    // the handler has answered, with the final status the proxy cannot see.
    return withHeaders(NextResponse.next({ request: { headers } }), csp);
  };
}

/** The audit log must not take the app down: a failed write is reported on one line, without the request. */
async function safeAudit(deps: ProxyDeps, entry: RequestAudit): Promise<void> {
  try {
    await deps.audit(entry);
  } catch (error) {
    console.error(`eastwest: could not write the audit log: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
