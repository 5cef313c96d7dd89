import type { Inventory, ManifestObject } from '@/lib/model';
import type { ObservedEdge, UnresolvedRecord } from '@/lib/traffic/model';
import { getPrisma } from './client';
import { notFound } from './errors';
import { fromEdgeRow, fromUnresolvedRow, toEdgeRow, toUnresolvedRow } from './rows/edge-rows';
import {
  fromInventoryRows,
  toEndpointSliceRow,
  toNamespaceRow,
  toNodeRow,
  toPodRow,
  toServiceAccountRow,
  toServiceRow,
  toWorkloadRow,
  workloadKey,
} from './rows/inventory-rows';
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
  // Children first where a foreign key points at them (pods → workloads).
  await tx.pod.deleteMany({ where });
  await Promise.all([
    tx.workload.deleteMany({ where }),
    tx.namespace.deleteMany({ where }),
    tx.service.deleteMany({ where }),
    tx.serviceAccount.deleteMany({ where }),
    tx.endpointSlice.deleteMany({ where }),
    tx.clusterNode.deleteMany({ where }),
    tx.policy.deleteMany({ where }),
    tx.trafficEdge.deleteMany({ where }),
    tx.unresolvedRecord.deleteMany({ where }),
  ]);

  const { inventory } = content;
  const workloads = await tx.workload.createManyAndReturn({
    data: inventory.workloads.map((w) => toWorkloadRow(snapshotId, w)),
    select: { id: true, namespace: true, kind: true, name: true },
  });
  const workloadIds = new Map(workloads.map((w) => [workloadKey(w), w.id]));
  await tx.pod.createMany({ data: inventory.pods.map((p) => toPodRow(snapshotId, p, workloadIds.get(workloadKey(p.workload)))) });
  await tx.namespace.createMany({ data: inventory.namespaces.map((n) => toNamespaceRow(snapshotId, n)) });
  await tx.service.createMany({ data: inventory.services.map((s) => toServiceRow(snapshotId, s)) });
  await tx.serviceAccount.createMany({ data: inventory.serviceAccounts.map((s) => toServiceAccountRow(snapshotId, s)) });
  await tx.endpointSlice.createMany({ data: inventory.endpointSlices.map((e) => toEndpointSliceRow(snapshotId, e)) });
  await tx.clusterNode.createMany({ data: inventory.nodes.map((n) => toNodeRow(snapshotId, n)) });
  await tx.policy.createMany({ data: content.policies.map((p) => toPolicyRow(snapshotId, p)) });
  await tx.trafficEdge.createMany({ data: content.edges.map((e) => toEdgeRow(snapshotId, e)) });
  await tx.unresolvedRecord.createMany({ data: (content.unresolved ?? []).map((u) => toUnresolvedRow(snapshotId, u, u.format)) });

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
      const [namespaces, workloads, pods, services, serviceAccounts, endpointSlices, nodes, policies, edges, unresolved] = await Promise.all([
        tx.namespace.findMany({ where, orderBy }),
        tx.workload.findMany({ where, orderBy }),
        tx.pod.findMany({ where, orderBy }),
        tx.service.findMany({ where, orderBy }),
        tx.serviceAccount.findMany({ where, orderBy }),
        tx.endpointSlice.findMany({ where, orderBy }),
        tx.clusterNode.findMany({ where, orderBy }),
        tx.policy.findMany({ where, orderBy }),
        tx.trafficEdge.findMany({ where, orderBy }),
        tx.unresolvedRecord.findMany({ where, orderBy }),
      ]);
      return {
        inventory: fromInventoryRows({ namespaces, workloads, pods, services, serviceAccounts, endpointSlices, nodes }),
        objects: policies.map(fromPolicyRow),
        edges: edges.map(fromEdgeRow),
        unresolved: unresolved.map(fromUnresolvedRow),
      };
    },
    { isolationLevel: 'RepeatableRead', ...LONG_TRANSACTION },
  );
}
