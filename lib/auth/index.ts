/** lib/auth: sign-in, sessions, roles, the permission table and the proxy gate of issue 10. */
export { ROLES, isRole, hasRole, type Role, type Requirement } from './roles';
export { PERMISSIONS, requiredRole, normalizePath, isStateChanging } from './permissions';
export { isAuthRequired, isLoopbackHost, hostOf, bindHosts } from './auth-mode';
export { checkCsrf } from './csrf';
export { isAuditedRequest } from './audited-request';
export { createRateLimiter, rateLimitsFromEnv, type RateLimiter } from './rate-limit';
export { uploadLimitsFromEnv, parseByteSize, checkRequestSize, formatBytes, DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './upload-limits';
export { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from './security-headers';
export { newSessionToken, hashSessionToken, sessionCookieName, sessionCookieOptions, isSecureRequest, SESSION_COOKIE_NAMES, SESSION_TTL_MS } from './session-token';
export { createProxy, IDENTITY_HEADERS, type ProxyDeps, type SessionUser, type RequestAudit } from './proxy-handler';
export { currentUser } from './current-user';
export { csvCell, toAuditCsv } from './audit-export';
export { safeNextPath } from './safe-redirect';
