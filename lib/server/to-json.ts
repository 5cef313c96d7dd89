import type { SnapshotJson, SnapshotWithCountsJson } from '@/lib/api/snapshots';
import type { SnapshotInfo, SnapshotWithCounts } from '@/lib/db';

/** lib/db returns Dates; the API sends ISO strings (the shapes of lib/api/snapshots.ts). */
export function toSnapshotJson(s: SnapshotInfo): SnapshotJson {
  return {
    id: s.id,
    name: s.name,
    cluster: s.cluster,
    environment: s.environment,
    description: s.description,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    trafficFrom: s.trafficFrom?.toISOString() ?? null,
    trafficTo: s.trafficTo?.toISOString() ?? null,
    isBaseline: s.isBaseline,
    isDemo: s.isDemo,
  };
}

export function toSnapshotWithCountsJson(s: SnapshotWithCounts): SnapshotWithCountsJson {
  return { ...toSnapshotJson(s), counts: s.counts };
}
