import { getPrisma } from './client';
import { conflict, notFound } from './errors';
import { isUuid, toSnapshotInfo, type SnapshotInfo } from './snapshots';
import type { Tx } from './transaction';

/**
 * Baselines (issue 12): snapshots of one cluster form a timeline and at most one of them is the baseline the
 * others are compared with. Marking a new baseline unmarks the previous one in the same transaction.
 */
export async function markBaseline(snapshotId: string): Promise<SnapshotInfo> {
  if (!isUuid(snapshotId)) throw notFound(`Snapshot ${snapshotId}`);
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.snapshot.findUnique({ where: { id: snapshotId } });
    if (!row) throw notFound(`Snapshot ${snapshotId}`);
    await tx.snapshot.updateMany({ where: { cluster: row.cluster, isBaseline: true, NOT: { id: snapshotId } }, data: { isBaseline: false } });
    return toSnapshotInfo(await tx.snapshot.update({ where: { id: snapshotId }, data: { isBaseline: true } }));
  });
}

/** Removes the baseline mark (the cluster then has no baseline). */
export async function clearBaseline(snapshotId: string, db: Tx = getPrisma()): Promise<SnapshotInfo> {
  if (!isUuid(snapshotId)) throw notFound(`Snapshot ${snapshotId}`);
  const { count } = await db.snapshot.updateMany({ where: { id: snapshotId }, data: { isBaseline: false } });
  if (count === 0) throw notFound(`Snapshot ${snapshotId}`);
  return toSnapshotInfo((await db.snapshot.findUnique({ where: { id: snapshotId } }))!);
}

/** The cluster's baseline, or null. */
export async function getBaseline(cluster: string, db: Tx = getPrisma()): Promise<SnapshotInfo | null> {
  const row = await db.snapshot.findFirst({ where: { cluster, isBaseline: true }, orderBy: { createdAt: 'desc' } });
  return row ? toSnapshotInfo(row) : null;
}

/** The cluster's snapshots, oldest first: the timeline the comparison page offers. */
export async function listTimeline(cluster: string, db: Tx = getPrisma()): Promise<SnapshotInfo[]> {
  const rows = await db.snapshot.findMany({ where: { cluster }, orderBy: [{ createdAt: 'asc' }, { name: 'asc' }] });
  return rows.map(toSnapshotInfo);
}

/**
 * A snapshot by name (`eastwest diff --baseline snapshot:<name>`); `cluster/name` or a cluster argument narrows
 * it. The same name in two clusters without a cluster is a `conflict` naming both.
 */
export async function findSnapshotByName(name: string, cluster?: string, db: Tx = getPrisma()): Promise<SnapshotInfo> {
  const rows = await db.snapshot.findMany({ where: { name, ...(cluster !== undefined ? { cluster } : {}) }, orderBy: { cluster: 'asc' } });
  if (rows.length === 0) throw notFound(`Snapshot "${cluster !== undefined ? `${cluster}/` : ''}${name}"`);
  if (rows.length > 1) throw conflict(`Snapshot name "${name}" exists in clusters ${rows.map((r) => r.cluster).join(', ')}: use snapshot:<cluster>/<name>`);
  return toSnapshotInfo(rows[0]!);
}
