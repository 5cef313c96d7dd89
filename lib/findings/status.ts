/**
 * Response classes of the verdict keys lib/traffic writes (`denied:403`, `denied:grpc-7`, `rbac_denied`,
 * `dropped:POLICY_DENIED`, `error:UF`, ...). gRPC denials arrive as HTTP 200 with grpc-status 7/16
 * (istio/istio#38984), so they count as 403/401 here; Envoy RBAC denials (`rbac_denied`) are 403s.
 */
export type StatusClass = 'ok' | 'forbidden' | 'unauthenticated' | 'server-error' | 'dropped';

export function statusClassOf(verdict: string): StatusClass {
  const v = verdict.toLowerCase();
  if (/^(denied:403|denied:grpc-7|rbac_denied|status:403)/.test(v)) return 'forbidden';
  if (/^(denied:401|denied:grpc-16|denied:client-certificate|denied:filter_chain_not_found|status:401)/.test(v)) return 'unauthenticated';
  if (/^(error:|status:5\d\d|denied:5\d\d)/.test(v)) return 'server-error';
  if (/^(dropped|denied|reject|policy[-_]?den)/.test(v)) return 'dropped';
  return 'ok';
}

export interface StatusShares {
  total: number;
  counts: Record<StatusClass, number>;
  /** Share of `total` per class, 0..1 (0 when nothing was counted). */
  shares: Record<StatusClass, number>;
}

const CLASSES: readonly StatusClass[] = ['ok', 'forbidden', 'unauthenticated', 'server-error', 'dropped'];

export function emptyCounts(): Record<StatusClass, number> {
  return { ok: 0, forbidden: 0, unauthenticated: 0, 'server-error': 0, dropped: 0 };
}

export function addVerdicts(counts: Record<StatusClass, number>, verdicts: Record<string, number>): void {
  for (const [verdict, n] of Object.entries(verdicts)) counts[statusClassOf(verdict)] += n;
}

export function toShares(counts: Record<StatusClass, number>): StatusShares {
  const total = CLASSES.reduce((s, c) => s + counts[c], 0);
  const shares = emptyCounts();
  for (const c of CLASSES) shares[c] = total === 0 ? 0 : counts[c] / total;
  return { total, counts: { ...counts }, shares };
}
