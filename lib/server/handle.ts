import { isAuditedRequest } from '@/lib/auth/audited-request';
import { isAuthRequired } from '@/lib/auth/auth-mode';
import { gateDecisionOf, requestUser } from '@/lib/auth/current-user';
import { normalizePath } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/db';
import { toErrorResponse } from './to-error-response';

/**
 * Wraps a route handler so every thrown error becomes the JSON error response of to-error-response.ts,
 * and every audited request (lib/auth/audited-request.ts) leaves one audit entry with the acting user
 * and the final status. The proxy cannot see that status (it runs before the handler), so it only
 * records the requests it refuses itself.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    let response: Response;
    try {
      response = await fn(...args);
    } catch (error) {
      response = toErrorResponse(error);
    }
    const request = args[0];
    if (request instanceof Request) await auditRequest(request, response.status);
    return response;
  };
}

/** Method, path, query and status only: bodies (uploads, drafts) and cookies never go into the log. */
async function auditRequest(request: Request, status: number): Promise<void> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const path = normalizePath(url.pathname);
  if (!isAuditedRequest(method, path, url.searchParams)) return;
  // The route's own gate (routes outside the proxy) or the proxy's headers; without either (sign-in off
  // and no proxy, as in tests) the caller is the local user.
  const user = requestUser(request);
  const refused = gateDecisionOf(request)?.refused ?? false;
  const actor = user?.username ?? (isAuthRequired(process.env) ? 'anonymous' : 'local');
  const query = url.search.slice(0, 300);
  try {
    await recordAudit({
      actor,
      ...(user?.id ? { userId: user.id } : {}),
      action: `http.${method.toLowerCase()}`,
      targetType: 'path',
      targetId: path,
      details: { ...(query ? { query } : {}), outcome: refused ? 'refused' : status < 400 ? 'completed' : 'failed', status },
    });
  } catch (error) {
    // The audit log must not turn a completed change into an error for the user; report it on one line.
    console.error(`eastwest: could not write the audit log: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
