import { recordGateDecision } from './current-user';
import type { RateLimiter } from './rate-limit';
import { decideRequest, type GateDeps, type SessionUser } from './request-gate';
import type { Requirement } from './roles';
import { STATIC_SECURITY_HEADERS } from './security-headers';
import type { UploadLimits } from './upload-limits';

export interface RouteGateDeps extends GateDeps {
  limits: UploadLimits;
  uploadLimiter: RateLimiter;
}

export interface AuthorizeOptions {
  /** What the caller needs; default: lib/auth/permissions.ts for the method and path, as in the proxy. */
  role?: Requirement;
  /** A file upload: counts against EASTWEST_UPLOADS_PER_MINUTE. */
  upload?: boolean;
}

export type Authorization = { ok: true; user: SessionUser | null } | { ok: false; response: Response };

/** The headers proxy.ts puts on every answer, for answers that do not pass through it. */
export function setSecurityHeaders(response: Response): Response {
  try {
    for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(k, v);
    return response;
  } catch {
    // Immutable headers (a fetched or redirect response): copy them onto a new response.
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) headers.set(k, v);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/** Wraps a route handler so every answer, errors included, carries the security headers. */
export function withSecurityHeaders<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => setSecurityHeaders(await fn(...args));
}

/**
 * The proxy's checks for a route handler that proxy.ts does not run for (see its matcher): the same
 * decision (request-gate.ts), answered as the usual JSON error. Call it first, before reading the
 * body. The decision is remembered for lib/server/handle.ts, which audits the request with this
 * user (never with identity headers, which nobody stripped from this request) and, when refused,
 * with the outcome `refused` like the proxy's own refusals.
 */
export async function authorizeWith(deps: RouteGateDeps, request: Request, options: AuthorizeOptions = {}): Promise<Authorization> {
  const decision = await decideRequest(request, deps, {
    maxBodyBytes: deps.limits.maxRequestBytes,
    limitName: 'EASTWEST_MAX_REQUEST_BYTES',
    ...(options.role ? { role: options.role } : {}),
    ...(options.upload ? { rateLimiter: deps.uploadLimiter } : {}),
  });
  recordGateDecision(request, { user: decision.user, refused: !decision.ok });
  if (decision.ok) return { ok: true, user: decision.user };
  const { status, code, message } = decision;
  return { ok: false, response: setSecurityHeaders(Response.json({ error: { code, message } }, { status, headers: decision.headers ?? {} })) };
}
