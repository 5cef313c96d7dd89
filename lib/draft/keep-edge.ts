import type { ObservedEdge } from '../traffic/model';
import type { EdgeFilter, TimeWindow } from './types';

/**
 * Verdict keys that record a blocked attempt: a CNI drop (`dropped:POLICY_DENIED`), a mesh or proxy denial
 * (`denied:403`, `rbac_denied`), a VPC `reject`. An application-level 403 (`status:403`) is counted too:
 * the callee refused the caller, so the call is not traffic to preserve.
 */
export function isDenialVerdict(verdict: string): boolean {
  return /^(dropped|denied|rbac|policy[-_]?den|reject|unauthori[sz]ed|status:403)/i.test(verdict);
}

/** True when at least one observation of the edge was blocked (a mixed edge such as Hubble's source-side FORWARDED + destination DROPPED counts as blocked). */
export function wasDenied(edge: ObservedEdge): boolean {
  return Object.entries(edge.verdicts).some(([verdict, count]) => count > 0 && isDenialVerdict(verdict));
}

/** Default filter: grant only edges that were never blocked. A dropped or 403 attempt is not legitimate traffic. */
export const keepNotDenied: EdgeFilter = (edge) => !wasDenied(edge);

/** Grant every observed edge, including blocked attempts (for users who know the blocks were mistakes). */
export const keepAll: EdgeFilter = () => true;

/** Whether the edge was seen inside the window (it overlaps `[from, to]`). */
export function inWindow(edge: ObservedEdge, window: TimeWindow | undefined): boolean {
  if (!window) return true;
  const first = Date.parse(edge.firstSeen);
  const last = Date.parse(edge.lastSeen);
  if (window.from !== undefined && last < Date.parse(window.from)) return false;
  if (window.to !== undefined && first > Date.parse(window.to)) return false;
  return true;
}
