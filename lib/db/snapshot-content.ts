import type { Inventory, ManifestObject } from '@/lib/model';
import type { EdgeKey } from '@/lib/graph';
import type { ObservedEdge, UnresolvedRecord } from '@/lib/traffic/model';
import { getPrisma } from './client';
import { notFound } from './errors';
import { fromEdgeRow, fromUnresolvedRow, toEdgeRow, toUnresolvedRow } from './rows/edge-rows';
import { batches, loadInventory, replaceInventory } from './inventory-store';
import { fromPolicyRow, toPolicyRow, type PolicyInput } from './rows/policy-rows';
import { isUuid } from './snapshots';
import { LONG_TRANSACTION, type Tx } from './transaction';

export type { PolicyInput } from './rows/policy-rows';

export interface SnapshotContent {
  inventory: Inventory;
  /** Every manifest object that is not inventory (policies and their helper resources). */
  policies: PolicyInput[];
  edges: ObservedEdge[];
  /** Traffic records that could not be resolved, with the format they came from. */
  unresolved?: (UnresolvedRecord & { format: string })[];
}

export interface LoadedSnapshotContent {
  inventory: Inventory;
  objects: ManifestObject[];
  edges: ObservedEdge[];
  unresolved: (UnresolvedRecord & { format: string })[];
}

/**
 * Replaces a snapshot's content (inventory, policies, edges, unresolved records) in ONE
 * transaction: readers see the old content or the new one, never half of it, and a crash
 * leaves the old content. Pass `tx` to make it part of a larger transaction.
 */
export async function saveSnapshotContent(snapshotId: string, content: SnapshotContent, tx?: Tx): Promise<void> {
  if (tx) return writeSnapshotContent(tx, snapshotId, content);
  await getPrisma().$transaction((t) => writeSnapshotContent(t, snapshotId, content), LONG_TRANSACTION);
}

async function writeSnapshotContent(tx: Tx, snapshotId: string, content: SnapshotContent): Promise<void> {
  const exists = isUuid(snapshotId) && (await tx.snapshot.findUnique({ where: { id: snapshotId }, select: { id: true } }));
  if (!exists) throw notFound(`Snapshot ${snapshotId}`);
  const where = { snapshotId };
  await replaceInventory(tx, snapshotId, content.inventory);
  await Promise.all([tx.policy.deleteMany({ where }), tx.trafficEdge.deleteMany({ where }), tx.unresolvedRecord.deleteMany({ where })]);
  for (const b of batches(content.policies, 500)) await tx.policy.createMany({ data: b.map((p) => toPolicyRow(snapshotId, p)) });
  for (const b of batches(content.edges)) await tx.trafficEdge.createMany({ data: b.map((e) => toEdgeRow(snapshotId, e)) });
  for (const b of batches(content.unresolved ?? [])) await tx.unresolvedRecord.createMany({ data: b.map((u) => toUnresolvedRow(snapshotId, u, u.format)) });

  await tx.snapshot.update({ where: { id: snapshotId }, data: trafficWindow(content.edges) });
}

/** The snapshot's traffic window: earliest firstSeen to latest lastSeen of its edges. */
export function trafficWindow(edges: readonly ObservedEdge[]): { trafficFrom: Date | null; trafficTo: Date | null } {
  let from: number | null = null;
  let to: number | null = null;
  for (const e of edges) {
    const first = Date.parse(e.firstSeen);
    const last = Date.parse(e.lastSeen);
    if (from === null || first < from) from = first;
    if (to === null || last > to) to = last;
  }
  return { trafficFrom: from === null ? null : new Date(from), trafficTo: to === null ? null : new Date(to) };
}

/**
 * Everything the engine needs to rebuild a snapshot's evaluators: the inventory, the policy
 * objects in their original order, and the observed edges. Read in one repeatable-read
 * transaction so a concurrent import cannot be seen half-written.
 */
export async function loadSnapshotContent(snapshotId: string): Promise<LoadedSnapshotContent> {
  if (!isUuid(snapshotId)) throw notFound(`Snapshot ${snapshotId}`);
  return getPrisma().$transaction(
    async (tx) => {
      const exists = await tx.snapshot.findUnique({ where: { id: snapshotId }, select: { id: true } });
      if (!exists) throw notFound(`Snapshot ${snapshotId}`);
      const where = { snapshotId };
      const orderBy = { id: 'asc' } as const;
      const [inventory, policies, edges, unresolved] = await Promise.all([
        loadInventory(tx, snapshotId),
        tx.policy.findMany({ where, orderBy }),
        tx.trafficEdge.findMany({ where, orderBy }),
        tx.unresolvedRecord.findMany({ where, orderBy }),
      ]);
      return {
        inventory,
        objects: policies.map(fromPolicyRow),
        edges: edges.map(fromEdgeRow),
        unresolved: unresolved.map(fromUnresolvedRow),
      };
    },
    { isolationLevel: 'RepeatableRead', ...LONG_TRANSACTION },
  );
}

/** What evaluating a connection needs: the inventory and the policies, without the traffic (one consistent read). */
export async function loadSnapshotPolicies(snapshotId: string): Promise<Pick<LoadedSnapshotContent, 'inventory' | 'objects'>> {
  if (!isUuid(snapshotId)) throw notFound(`Snapshot ${snapshotId}`);
  return getPrisma().$transaction(
    async (tx) => {
      const exists = await tx.snapshot.findUnique({ where: { id: snapshotId }, select: { id: true } });
      if (!exists) throw notFound(`Snapshot ${snapshotId}`);
      const [inventory, policies] = await Promise.all([loadInventory(tx, snapshotId), tx.policy.findMany({ where: { snapshotId }, orderBy: { id: 'asc' } })]);
      return { inventory, objects: policies.map(fromPolicyRow) };
    },
    { isolationLevel: 'RepeatableRead', ...LONG_TRANSACTION },
  );
}

/** The observed edges of one connection, for its explanation; by index (`@@unique` starts with source). */
export async function loadObservedEdges(snapshotId: string, connection: EdgeKey): Promise<ObservedEdge[]> {
  const rows = await getPrisma().trafficEdge.findMany({ where: { snapshotId, ...connection }, orderBy: { id: 'asc' } });
  return rows.map(fromEdgeRow);
}
