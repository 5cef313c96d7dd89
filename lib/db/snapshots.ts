import type * as Rows from './generated/client';
import { getPrisma } from './client';
import { conflict, isUniqueViolation, notFound } from './errors';
import type { Tx } from './transaction';

export interface SnapshotCounts {
  namespaces: number;
  workloads: number;
  policies: number;
  edges: number;
}

export interface SnapshotInfo {
  id: string;
  name: string;
  cluster: string;
  environment: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Time window of the snapshot's traffic, null before traffic is imported. */
  trafficFrom: Date | null;
  trafficTo: Date | null;
  isBaseline: boolean;
  isDemo: boolean;
}

export interface SnapshotWithCounts extends SnapshotInfo {
  counts: SnapshotCounts;
}

export interface NewSnapshot {
  name: string;
  cluster: string;
  environment: string;
  description?: string;
  isDemo?: boolean;
}

export function toSnapshotInfo(row: Rows.Snapshot): SnapshotInfo {
  return {
    id: row.id,
    name: row.name,
    cluster: row.cluster,
    environment: row.environment,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    trafficFrom: row.trafficFrom,
    trafficTo: row.trafficTo,
    isBaseline: row.isBaseline,
    isDemo: row.isDemo,
  };
}

const countSelect = { _count: { select: { namespaces: true, workloads: true, policies: true, edges: true } } } as const;

/** All snapshots, newest first, with the counts the home page shows (one query). */
export async function listSnapshotsWithCounts(db: Tx = getPrisma()): Promise<SnapshotWithCounts[]> {
  const rows = await db.snapshot.findMany({ orderBy: [{ createdAt: 'desc' }, { name: 'asc' }], include: countSelect });
  return rows.map(({ _count, ...row }) => ({ ...toSnapshotInfo(row), counts: { ..._count } }));
}

/** The `conflict` of a snapshot name already used in its cluster (names are unique per cluster). */
export const snapshotNameTaken = (input: Pick<NewSnapshot, 'name' | 'cluster'>) => conflict(`A snapshot named "${input.name}" already exists for cluster "${input.cluster}"`);

/** Creates an empty snapshot; a name already used in the same cluster is a `conflict`. */
export async function createSnapshot(input: NewSnapshot, db: Tx = getPrisma()): Promise<SnapshotInfo> {
  try {
    const row = await db.snapshot.create({
      data: { name: input.name, cluster: input.cluster, environment: input.environment, description: input.description ?? null, isDemo: input.isDemo ?? false },
    });
    return toSnapshotInfo(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw snapshotNameTaken(input);
    throw error;
  }
}

/** One snapshot with its counts; `not-found` when the id is unknown (or not a UUID). */
export async function getSnapshot(id: string, db: Tx = getPrisma()): Promise<SnapshotWithCounts> {
  if (!isUuid(id)) throw notFound(`Snapshot ${id}`);
  const row = await db.snapshot.findUnique({ where: { id }, include: countSelect });
  if (!row) throw notFound(`Snapshot ${id}`);
  const { _count, ...rest } = row;
  return { ...toSnapshotInfo(rest), counts: { ..._count } };
}

/** Deletes a snapshot and everything it owns (cascades in the schema). */
export async function deleteSnapshot(id: string, db: Tx = getPrisma()): Promise<void> {
  if (!isUuid(id)) throw notFound(`Snapshot ${id}`);
  const { count } = await db.snapshot.deleteMany({ where: { id } });
  if (count === 0) throw notFound(`Snapshot ${id}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Snapshot ids are UUID columns: anything else cannot exist, and PostgreSQL would reject it with a cast error. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
