import { isStateChanging } from './permissions';

/**
 * Which API requests go into the audit log (issue 10): every state-changing call, and the reads that
 * carry data out of Eastwest (`.../export`, `.../report?download`). Sign-in and sign-out are left to
 * lib/auth/signin.ts, which records them with their outcome. Shared by the proxy (for the requests it
 * refuses) and lib/server/handle.ts (for the ones that reach a route handler), so both agree.
 */
export function isAuditedRequest(method: string, path: string, search: URLSearchParams | string = ''): boolean {
  if (!(path === '/api' || path.startsWith('/api/')) || path === '/api/auth' || path.startsWith('/api/auth/')) return false;
  if (isStateChanging(method)) return true;
  if (/\/export$/.test(path)) return true;
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  return /\/report$/.test(path) && params.has('download');
}
