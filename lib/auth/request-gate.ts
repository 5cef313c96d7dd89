import type { ApiErrorCode } from '@/lib/api/errors';
import type { Env } from './env';
import { hostOf, isAuthRequired, isLoopbackHost } from './auth-mode';
import { checkCsrf } from './csrf';
import { isStateChanging, normalizePath, requiredRole } from './permissions';
import type { RateLimiter } from './rate-limit';
import { hasRole, type Requirement, type Role } from './roles';
import { hashSessionToken, SESSION_COOKIE_NAMES } from './session-token';
import { checkRequestSize } from './upload-limits';

export interface SessionUser {
  /** null for the implicit local user when sign-in is off. */
  id: string | null;
  username: string;
  role: Role;
}

export const LOCAL_USER: SessionUser = { id: null, username: 'local', role: 'admin' };

export interface GateDeps {
  env: Env;
  lookupSession(tokenHash: string): Promise<SessionUser | null>;
}

export interface GateOptions {
  /** Largest body accepted, by Content-Length (413 above it; 411 for a body without a length). */
  maxBodyBytes: number;
  /** The variable or reason named in the 413 message. */
  limitName: string;
  /** What the caller needs; default: lib/auth/permissions.ts for the method and path. */
  role?: Requirement;
  /** Counts the request against this limiter, per user (429 with Retry-After once spent). */
  rateLimiter?: RateLimiter;
}

export type GateDecision =
  | { ok: true; user: SessionUser | null }
  | { ok: false; user: SessionUser | null; status: number; code: ApiErrorCode; message: string; headers?: Record<string, string> };

/** `name=value` pairs of the Cookie header (RFC 6265 §5.4); values percent-decoded as Next's own parser does. */
export function readCookie(headers: Headers, name: string): string | undefined {
  for (const pair of (headers.get('cookie') ?? '').split(/;\s*/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * The access decision of issue 10, shared by proxy.ts (every matched request) and by the route
 * handlers the proxy does not run for (lib/auth/authorize-request.ts): CSRF, sign-in, role, body
 * size, rate. Order matters: sign-in before the size check so a refusal names the user; all of it
 * before the body is read. Who the caller is comes from the session cookie only, never from headers.
 */
export async function decideRequest(request: { method: string; url: string; headers: Headers }, deps: GateDeps, options: GateOptions): Promise<GateDecision> {
  const method = request.method.toUpperCase();
  const path = normalizePath(new URL(request.url).pathname);
  let user: SessionUser | null = null;
  const refuse = (status: number, code: ApiErrorCode, message: string, headers?: Record<string, string>): GateDecision => ({ ok: false, user, status, code, message, ...(headers ? { headers } : {}) });

  if (isStateChanging(method)) {
    const csrf = checkCsrf(request.headers);
    if (csrf) return refuse(403, 'forbidden', csrf);
  }

  const needs = options.role ?? requiredRole(method, path);
  if (!isAuthRequired(deps.env)) {
    // Sign-in is off: answer only requests addressed to loopback, which stops DNS rebinding
    // (a hostile page whose name resolves to 127.0.0.1 sends its own name as Host).
    const host = request.headers.get('host');
    if (host && !isLoopbackHost(hostOf(host))) {
      return refuse(403, 'forbidden', 'sign-in is off, so Eastwest answers only requests to localhost; set EASTWEST_AUTH=1 to serve other names');
    }
    user = LOCAL_USER;
  } else {
    const token = SESSION_COOKIE_NAMES.map((n) => readCookie(request.headers, n)).find(Boolean);
    user = token && token.length <= 256 ? await deps.lookupSession(hashSessionToken(token)) : null;
    if (needs !== 'public') {
      if (!user) return refuse(401, 'unauthorized', 'sign in first');
      if (!hasRole(user.role, needs)) return refuse(403, 'forbidden', `this needs the ${needs} role; you are ${user.role}`);
    }
  }

  const tooBig = checkRequestSize(method, request.headers, options.maxBodyBytes, options.limitName);
  if (tooBig) return refuse(tooBig.status, tooBig.status === 413 ? 'payload-too-large' : 'length-required', tooBig.message);

  if (user && options.rateLimiter && !options.rateLimiter.hit(user.username)) {
    const after = String(options.rateLimiter.retryAfter(user.username));
    return refuse(429, 'rate-limited', `too many uploads; try again in ${after} s`, { 'Retry-After': after });
  }
  return { ok: true, user };
}
