import type { Protocol } from '@/lib/model';
import { edgeObservations } from '@/lib/traffic';
import type { EdgeObservation, ObservedEdge, UnresolvedRecord } from '@/lib/traffic/model';
import type * as Rows from '../generated/client';
import { fromJson, toJson } from '../json';

/** method/pathTemplate are '' in the table when absent, so the edge key can be a unique index. */
export const toEdgeRow = (snapshotId: string, e: ObservedEdge) => ({
  snapshotId,
  source: e.source,
  destination: e.destination,
  port: e.port,
  protocol: e.protocol,
  method: e.method ?? '',
  pathTemplate: e.pathTemplate ?? '',
  appProtocol: e.appProtocol ?? null,
  countUnit: e.countUnit,
  count: BigInt(Math.round(e.count)),
  bytes: e.bytes === undefined ? null : BigInt(Math.round(e.bytes)),
  firstSeen: new Date(e.firstSeen),
  lastSeen: new Date(e.lastSeen),
  verdicts: toJson(e.verdicts),
  observedBy: e.observedBy,
  ruleRefs: toJson({ deniedBy: e.deniedBy ?? [], allowedBy: e.allowedBy ?? [] }),
  observations: toJson(edgeObservations(e)),
});

export const fromEdgeRow = (r: Rows.TrafficEdge): ObservedEdge => {
  const rules = fromJson<{ deniedBy?: ObservedEdge['deniedBy']; allowedBy?: ObservedEdge['allowedBy'] }>(r.ruleRefs);
  const edge: ObservedEdge = {
    source: r.source,
    destination: r.destination,
    port: r.port,
    protocol: r.protocol as Protocol,
    ...(r.method ? { method: r.method } : {}),
    ...(r.pathTemplate ? { pathTemplate: r.pathTemplate } : {}),
    ...(r.appProtocol ? { appProtocol: r.appProtocol } : {}),
    count: Number(r.count),
    countUnit: (r.countUnit ?? 'flows') as ObservedEdge['countUnit'],
    ...(r.bytes !== null ? { bytes: Number(r.bytes) } : {}),
    firstSeen: r.firstSeen.toISOString(),
    lastSeen: r.lastSeen.toISOString(),
    verdicts: fromJson<Record<string, number>>(r.verdicts),
    observedBy: r.observedBy,
    ...(rules.deniedBy?.length ? { deniedBy: rules.deniedBy } : {}),
    ...(rules.allowedBy?.length ? { allowedBy: rules.allowedBy } : {}),
  };
  // Rows stored before observations were kept ([]): their figures are one observation of their first observer.
  const observations = fromJson<EdgeObservation[] | null>(r.observations);
  edge.observations = Array.isArray(observations) && observations.length > 0 ? observations : edgeObservations(edge);
  return edge;
};

export const toUnresolvedRow = (snapshotId: string, u: UnresolvedRecord, format: string, importJobId?: number) => ({
  snapshotId,
  importJobId: importJobId ?? null,
  format,
  reason: u.reason,
  subject: u.value,
  endpoint: u.endpoint,
  side: u.side,
  count: BigInt(u.count),
  samples: toJson(u.lines.map((line) => ({ line }))),
});

export const fromUnresolvedRow = (r: Rows.UnresolvedRecord): UnresolvedRecord & { format: string } => ({
  side: r.side as UnresolvedRecord['side'],
  reason: r.reason as UnresolvedRecord['reason'],
  value: r.subject,
  count: Number(r.count),
  lines: fromJson<{ line: number }[]>(r.samples).map((s) => s.line),
  endpoint: r.endpoint,
  format: r.format,
});
