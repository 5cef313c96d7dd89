import type { Inventory } from '@/lib/model';
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
import type { Tx } from './transaction';

/** A snapshot's inventory tables, read and rewritten as one engine `Inventory` (used by saves and imports alike). */

/** Rows per INSERT: PostgreSQL allows 65,535 bind parameters per statement; an edge row has 16 columns. */
const BATCH = 2000;

export function* batches<T>(items: readonly T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function loadInventory(tx: Tx, snapshotId: string): Promise<Inventory> {
  const where = { snapshotId };
  const orderBy = { id: 'asc' } as const;
  const [namespaces, workloads, pods, services, serviceAccounts, endpointSlices, nodes] = await Promise.all([
    tx.namespace.findMany({ where, orderBy }),
    tx.workload.findMany({ where, orderBy }),
    tx.pod.findMany({ where, orderBy }),
    tx.service.findMany({ where, orderBy }),
    tx.serviceAccount.findMany({ where, orderBy }),
    tx.endpointSlice.findMany({ where, orderBy }),
    tx.clusterNode.findMany({ where, orderBy }),
  ]);
  return fromInventoryRows({ namespaces, workloads, pods, services, serviceAccounts, endpointSlices, nodes });
}

/** Rewrites the snapshot's inventory tables with `inventory` (the merged one). */
export async function replaceInventory(tx: Tx, snapshotId: string, inventory: Inventory): Promise<void> {
  const where = { snapshotId };
  await tx.pod.deleteMany({ where }); // pods point at workloads
  await tx.workload.deleteMany({ where });
  await tx.namespace.deleteMany({ where });
  await tx.service.deleteMany({ where });
  await tx.serviceAccount.deleteMany({ where });
  await tx.endpointSlice.deleteMany({ where });
  await tx.clusterNode.deleteMany({ where });
  const workloadIds = new Map<string, number>();
  for (const batch of batches(inventory.workloads)) {
    const rows = await tx.workload.createManyAndReturn({ data: batch.map((w) => toWorkloadRow(snapshotId, w)), select: { id: true, namespace: true, kind: true, name: true } });
    for (const r of rows) workloadIds.set(workloadKey(r), r.id);
  }
  for (const b of batches(inventory.pods)) await tx.pod.createMany({ data: b.map((p) => toPodRow(snapshotId, p, workloadIds.get(workloadKey(p.workload)))) });
  for (const b of batches(inventory.namespaces)) await tx.namespace.createMany({ data: b.map((n) => toNamespaceRow(snapshotId, n)) });
  for (const b of batches(inventory.services)) await tx.service.createMany({ data: b.map((s) => toServiceRow(snapshotId, s)) });
  for (const b of batches(inventory.serviceAccounts)) await tx.serviceAccount.createMany({ data: b.map((s) => toServiceAccountRow(snapshotId, s)) });
  for (const b of batches(inventory.endpointSlices)) await tx.endpointSlice.createMany({ data: b.map((e) => toEndpointSliceRow(snapshotId, e)) });
  for (const b of batches(inventory.nodes)) await tx.clusterNode.createMany({ data: b.map((n) => toNodeRow(snapshotId, n)) });
}

