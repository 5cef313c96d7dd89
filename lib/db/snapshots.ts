import type * as Rows from './generated/client';
import { Prisma } from './generated/client';
import { getPrisma } from './client';
import { conflict, isUniqueViolation, notFound } from './errors';
import type { Tx } from './transaction';

export interface SnapshotCounts {
  namespaces: number;
  workloads: number;
  policies: number;
  /** Observed edges in the graph's unit: distinct (source, destination, port, protocol), not stored route rows. */
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

const countSelect = { _count: { select: { namespaces: true, workloads: true, policies: true } } } as const;

/** All snapshots, newest first, with the counts the home page shows (two queries, whatever the number of snapshots). */
export async function listSnapshotsWithCounts(db: Tx = getPrisma()): Promise<SnapshotWithCounts[]> {
  const [rows, edges] = await Promise.all([db.snapshot.findMany({ orderBy: [{ createdAt: 'desc' }, { name: 'asc' }], include: countSelect }), countObservedEdges(db)]);
  return rows.map(({ _count, ...row }) => ({ ...toSnapshotInfo(row), counts: { ..._count, edges: edges.get(row.id) ?? 0 } }));
}

/**
 * Observed edges per snapshot, counted like the graph (lib/graph/collapse.ts keys them by source, destination, port
 * and protocol): the traffic table stores one row per HTTP route or L7 operation on top of that. The distinct
 * columns are a prefix of the table's unique key, so PostgreSQL can read them from that index in order.
 */
async function countObservedEdges(db: Tx, snapshotId?: string): Promise<Map<string, number>> {
  const only = snapshotId ? Prisma.sql`WHERE "snapshotId" = ${snapshotId}::uuid` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string; edges: number }[]>`
    SELECT "snapshotId"::text AS id, COUNT(*)::int AS edges
    FROM (SELECT DISTINCT "snapshotId", source, destination, port, protocol FROM "TrafficEdge" ${only}) AS e
    GROUP BY "snapshotId"`;
  return new Map(rows.map((r) => [r.id, r.edges]));
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

/** One snapshot, without counts (every graph request reads it for its version); `not-found` when the id is unknown (or not a UUID). */
export async function getSnapshot(id: string, db: Tx = getPrisma()): Promise<SnapshotInfo> {
  if (!isUuid(id)) throw notFound(`Snapshot ${id}`);
  const row = await db.snapshot.findUnique({ where: { id } });
  if (!row) throw notFound(`Snapshot ${id}`);
  return toSnapshotInfo(row);
}

/** One snapshot with the counts its card shows; `not-found` when the id is unknown (or not a UUID). */
export async function getSnapshotWithCounts(id: string, db: Tx = getPrisma()): Promise<SnapshotWithCounts> {
  if (!isUuid(id)) throw notFound(`Snapshot ${id}`);
  const [row, edges] = await Promise.all([db.snapshot.findUnique({ where: { id }, include: countSelect }), countObservedEdges(db, id)]);
  if (!row) throw notFound(`Snapshot ${id}`);
  const { _count, ...rest } = row;
  return { ...toSnapshotInfo(rest), counts: { ..._count, edges: edges.get(id) ?? 0 } };
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
