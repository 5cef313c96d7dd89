import { getSessionUser, recordAudit } from '@/lib/db';
import { createProxy } from '@/lib/auth/proxy-handler';
import { rateLimitsFromEnv } from '@/lib/auth/rate-limit';
import { uploadLimitsFromEnv } from '@/lib/auth/upload-limits';

/**
 * Next 16's proxy (formerly middleware; node_modules/next/dist/docs/01-app/03-api-reference/
 * 03-file-conventions/proxy.md) runs on Node.js before every matched request, so access control,
 * CSRF, upload size, audit and security headers live here once for every route, present and future.
 */
export const proxy = createProxy({
  env: process.env,
  limits: uploadLimitsFromEnv(),
  uploadLimiter: rateLimitsFromEnv().upload,
  lookupSession: (tokenHash) => getSessionUser(tokenHash),
  audit: (e) =>
    recordAudit({
      actor: e.actor,
      userId: e.userId ?? undefined,
      action: `http.${e.method.toLowerCase()}`,
      targetType: 'path',
      targetId: e.path,
      details: { ...(e.query ? { query: e.query } : {}), outcome: 'refused', status: e.status },
    }),
});

export const config = {
  // Everything but Next's static assets: pages, route handlers, _next/data and server actions.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
