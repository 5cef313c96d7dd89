/**
 * lib/auth: sign-in, sessions, roles, the permission table and the proxy gate of issue 10.
 * `authorizeRequest` (./authorize-request, not re-exported here because it loads lib/db) runs the
 * same gate inside a route handler the proxy does not run for.
 */
export { ROLES, isRole, hasRole, type Role, type Requirement } from './roles';
export { PERMISSIONS, requiredRole, normalizePath, isStateChanging } from './permissions';
export { isAuthRequired, isLoopbackHost, hostOf, bindHosts } from './auth-mode';
export { checkCsrf } from './csrf';
export { isAuditedRequest } from './audited-request';
export { createRateLimiter, rateLimitsFromEnv, type RateLimiter } from './rate-limit';
export { uploadLimitsFromEnv, parseByteSize, checkRequestSize, formatBytes, DEFAULT_UPLOAD_LIMITS, PROXY_BODY_BYTES, type UploadLimits } from './upload-limits';
export { decideRequest, readCookie, LOCAL_USER, type GateDeps, type GateOptions, type GateDecision } from './request-gate';
export { authorizeWith, setSecurityHeaders, withSecurityHeaders, type AuthorizeOptions, type Authorization, type RouteGateDeps } from './route-gate';
export { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from './security-headers';
export { newSessionToken, hashSessionToken, sessionCookieName, sessionCookieOptions, isSecureRequest, SESSION_COOKIE_NAMES, SESSION_TTL_MS } from './session-token';
export { createProxy, IDENTITY_HEADERS, type ProxyDeps, type SessionUser, type RequestAudit } from './proxy-handler';
export { currentUser, requestUser, recordGateDecision, gateDecisionOf } from './current-user';
export { csvCell, toAuditCsv } from './audit-export';
export { safeNextPath } from './safe-redirect';
