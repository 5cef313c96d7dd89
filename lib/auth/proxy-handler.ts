import type { ApiErrorCode } from '@/lib/api/errors';
import type { Env } from './env';
import { NextResponse, type NextRequest } from 'next/server';
import { isAuditedRequest } from './audited-request';
import { normalizePath } from './permissions';
import { decideRequest, type SessionUser } from './request-gate';
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from './security-headers';
import { PROXY_BODY_BYTES, type UploadLimits } from './upload-limits';

export type { SessionUser } from './request-gate';

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
  lookupSession(tokenHash: string): Promise<SessionUser | null>;
  audit(entry: RequestAudit): Promise<void>;
}

/** Headers the proxy sets for route handlers; any a client sends are dropped first. */
export const IDENTITY_HEADERS = { user: 'x-eastwest-user', userId: 'x-eastwest-user-id', role: 'x-eastwest-role' } as const;

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
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
 * The central gate of issue 10, run by Next before every page and route handler its matcher
 * (proxy.ts) selects: the shared decision of request-gate.ts, then the sign-in redirect for pages,
 * the identity headers, audit of refusals and security headers. Route handlers read who is calling
 * from IDENTITY_HEADERS (see lib/auth/current-user.ts). Uploads are not matched: their route runs
 * the same decision itself (authorize-request.ts), so the body streams instead of being buffered.
 */
export function createProxy(deps: ProxyDeps) {
  // A body larger than Next's proxy buffer would reach the route truncated: refuse it here.
  const maxBodyBytes = Math.min(deps.limits.maxRequestBytes, PROXY_BODY_BYTES);
  const limitName = maxBodyBytes < PROXY_BODY_BYTES ? 'EASTWEST_MAX_REQUEST_BYTES' : 'requests other than file imports';
  return async function proxy(request: NextRequest): Promise<NextResponse> {
    const method = request.method.toUpperCase();
    const path = normalizePath(request.nextUrl.pathname);
    const api = isApi(path);
    const nonce = api ? null : newNonce();
    const csp = nonce ? contentSecurityPolicy(nonce, deps.env.NODE_ENV === 'development') : null;
    const query = request.nextUrl.search.slice(0, 300);

    const decision = await decideRequest(request, deps, { maxBodyBytes, limitName });
    if (!decision.ok) {
      if (!api && decision.status === 401) {
        const login = new URL('/login', request.url);
        login.searchParams.set('next', path);
        return withHeaders(NextResponse.redirect(login, 303), csp);
      }
      if (isAuditedRequest(method, path, request.nextUrl.searchParams)) {
        const user = decision.user;
        await safeAudit(deps, { actor: user?.username ?? 'anonymous', userId: user?.id ?? null, method, path, query, status: decision.status });
      }
      // Pages get a plain-text answer a person can read; API clients get the usual JSON error.
      const { status, code, message } = decision;
      const response = api
        ? jsonError(status, code, message, decision.headers)
        : new NextResponse(`${status}: ${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...decision.headers } });
      return withHeaders(response, csp);
    }
    const user = decision.user;

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
