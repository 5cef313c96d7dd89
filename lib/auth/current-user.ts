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

export interface GateRecord {
  user: SessionUser | null;
  refused: boolean;
}

/** Decisions of lib/auth/route-gate.ts, per request object, for routes the proxy does not run for. */
const decisions = new WeakMap<Request, GateRecord>();

export function recordGateDecision(request: Request, record: GateRecord): void {
  decisions.set(request, record);
}

/** The route's own gate decision, if it ran one for this request. */
export function gateDecisionOf(request: Request): GateRecord | undefined {
  return decisions.get(request);
}

/**
 * Who is calling: the route's own gate decision when it made one (the identity headers of such a
 * request come from the client and are ignored), else what the proxy set.
 */
export function requestUser(request: Request): SessionUser | null {
  const decided = decisions.get(request);
  return decided ? decided.user : currentUser(request.headers);
}
