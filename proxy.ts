import { getSessionUser, recordAudit } from '@/lib/db';
import { createProxy } from '@/lib/auth/proxy-handler';
import { uploadLimitsFromEnv } from '@/lib/auth/upload-limits';

/**
 * Next 16's proxy (formerly middleware; node_modules/next/dist/docs/01-app/03-api-reference/
 * 03-file-conventions/proxy.md) runs on Node.js before every matched request, so access control,
 * CSRF, body size, audit and security headers live here once for every route, present and future.
 * The one exception is the file upload route (see `config`), which runs the same decision itself.
 */
export const proxy = createProxy({
  env: process.env,
  limits: uploadLimitsFromEnv(),
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
  // Everything but Next's static assets (pages, route handlers, _next/data and server actions), and
  // but POST /api/snapshots/:id/imports: Next copies the body of every proxied request into memory
  // (experimental.proxyClientMaxBodySize), which would hold a whole upload. That route checks sign-in,
  // role, CSRF, size and rate itself with lib/auth/authorize-request.ts (the proxy's own decision,
  // lib/auth/request-gate.ts), so its body streams into the importer. Next runs the proxy when either the
  // raw or the decoded path matches, so a path that only looks like the upload route is still proxied.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|api/snapshots/[^/]+/imports$).*)'],
};
