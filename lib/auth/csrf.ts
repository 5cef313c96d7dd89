import { hostOf } from './auth-mode';

/**
 * CSRF check for state-changing requests, per the OWASP "Fetch Metadata" and "Verifying Origin"
 * defences (https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html).
 * Browsers send Sec-Fetch-Site on every request and Origin on every POST; a request with neither
 * comes from a non-browser client (curl, the CLI) that cannot carry a victim's cookies by accident.
 * Returns a reason to refuse, or null.
 */
export function checkCsrf(headers: Headers): string | null {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `cross-site request refused (Sec-Fetch-Site: ${site})`;
  const origin = headers.get('origin');
  if (origin === null) return null;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() ?? headers.get('host');
  if (!host) return 'request has an Origin but no Host';
  let originHost: string;
  try {
    if (origin === 'null') return 'opaque Origin refused';
    originHost = new URL(origin).host;
  } catch {
    return 'malformed Origin refused';
  }
  if (originHost.toLowerCase() !== host.toLowerCase()) return `cross-origin request refused (Origin ${hostOf(originHost)})`;
  return null;
}
