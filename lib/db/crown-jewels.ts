import { getPrisma } from './client';
import { notFound } from './errors';
import { isUuid } from './snapshots';
import type { Tx } from './transaction';

/** A user's crown-jewel tag (issue 8): a workload `ns/name` or a whole namespace. */
export interface CrownJewelTag {
  targetKind: 'workload' | 'namespace';
  target: string;
  reason: string | null;
}

async function requireSnapshot(db: Tx, snapshotId: string): Promise<void> {
  const found = isUuid(snapshotId) && (await db.snapshot.findUnique({ where: { id: snapshotId }, select: { id: true } }));
  if (!found) throw notFound(`Snapshot ${snapshotId}`);
}

export async function listCrownJewels(snapshotId: string, db: Tx = getPrisma()): Promise<CrownJewelTag[]> {
  await requireSnapshot(db, snapshotId);
  const rows = await db.crownJewel.findMany({ where: { snapshotId }, orderBy: [{ targetKind: 'asc' }, { target: 'asc' }] });
  return rows.map((r) => ({ targetKind: r.targetKind as CrownJewelTag['targetKind'], target: r.target, reason: r.reason }));
}

/** Tags (or re-tags with a new reason); idempotent. */
export async function tagCrownJewel(snapshotId: string, tag: CrownJewelTag, db: Tx = getPrisma()): Promise<void> {
  await requireSnapshot(db, snapshotId);
  const key = { snapshotId, targetKind: tag.targetKind, target: tag.target };
  await db.crownJewel.upsert({ where: { snapshotId_targetKind_target: key }, create: { ...key, reason: tag.reason }, update: { reason: tag.reason } });
}

/** Removes a tag; removing one that does not exist is not an error. */
export async function untagCrownJewel(snapshotId: string, tag: Pick<CrownJewelTag, 'targetKind' | 'target'>, db: Tx = getPrisma()): Promise<void> {
  await requireSnapshot(db, snapshotId);
  await db.crownJewel.deleteMany({ where: { snapshotId, targetKind: tag.targetKind, target: tag.target } });
}
