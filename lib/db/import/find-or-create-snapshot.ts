import { getPrisma } from '../client';
import { DbError, isDbError } from '../errors';
import { createSnapshot, toSnapshotInfo, type SnapshotInfo } from '../snapshots';

export interface SnapshotLookup {
  name: string;
  /** Narrows the lookup (names are unique per cluster); used when creating. Default `default`. */
  cluster?: string;
  /** Used when creating. Default `default`. */
  environment?: string;
}

/**
 * The snapshot named `name` (in `cluster` when given), created when missing (the CLI's `--snapshot`).
 * A name used in several clusters without `cluster` is `invalid` (ambiguous).
 */
export async function findOrCreateSnapshot(lookup: SnapshotLookup): Promise<{ snapshot: SnapshotInfo; created: boolean }> {
  const prisma = getPrisma();
  const find = async () => {
    const rows = await prisma.snapshot.findMany({ where: { name: lookup.name, ...(lookup.cluster !== undefined ? { cluster: lookup.cluster } : {}) }, orderBy: { createdAt: 'asc' } });
    if (rows.length > 1) {
      throw new DbError('invalid', `several snapshots are named "${lookup.name}" (clusters ${rows.map((r) => r.cluster).join(', ')}): name the cluster`);
    }
    return rows[0] ? toSnapshotInfo(rows[0]) : null;
  };
  const found = await find();
  if (found) return { snapshot: found, created: false };
  try {
    const snapshot = await createSnapshot({ name: lookup.name, cluster: lookup.cluster ?? 'default', environment: lookup.environment ?? 'default' });
    return { snapshot, created: true };
  } catch (e) {
    // Another process created it between our lookup and our insert.
    if (isDbError(e) && e.code === 'conflict') {
      const raced = await find();
      if (raced) return { snapshot: raced, created: false };
    }
    throw e;
  }
}
