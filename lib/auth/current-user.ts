import { IDENTITY_HEADERS, type SessionUser } from './proxy-handler';
import { isRole } from './roles';

/**
 * Who is calling, as the proxy established it (proxy.ts drops these headers from clients and sets
 * them after checking the session). Null only if the proxy did not run for this path.
 */
export function currentUser(headers: Headers): SessionUser | null {
  const name = headers.get(IDENTITY_HEADERS.user);
  const role = headers.get(IDENTITY_HEADERS.role);
  if (!name || !isRole(role)) return null;
  let username = name;
  try {
    username = decodeURIComponent(name);
  } catch {
    // keep the raw value
  }
  return { id: headers.get(IDENTITY_HEADERS.userId), username, role };
}
