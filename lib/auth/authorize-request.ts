import { getSessionUser } from '@/lib/db';
import { rateLimitsFromEnv, type RateLimiter } from './rate-limit';
import { authorizeWith, type AuthorizeOptions, type Authorization } from './route-gate';
import { uploadLimitsFromEnv } from './upload-limits';

let uploadLimiter: RateLimiter | null = null;

/**
 * `authorizeRequest(request, { upload: true })`: sign-in, role, CSRF, body size and upload rate for a
 * route handler outside proxy.ts's matcher, against the Session table, exactly as the proxy decides
 * them (lib/auth/request-gate.ts). The environment is read on every call, like the proxy's sign-in mode.
 */
export function authorizeRequest(request: Request, options: AuthorizeOptions = {}): Promise<Authorization> {
  uploadLimiter ??= rateLimitsFromEnv().upload;
  return authorizeWith({ env: process.env, limits: uploadLimitsFromEnv(), uploadLimiter, lookupSession: (hash) => getSessionUser(hash) }, request, options);
}
