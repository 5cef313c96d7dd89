import type { ObservedEdge, UnresolvedRecord } from '@/lib/traffic';
import { notFound } from '../errors';
import { fromEdgeRow, toEdgeRow, toUnresolvedRow } from '../rows/edge-rows';
import { batches } from '../inventory-store';
import { toPolicyRow, type PolicyInput } from '../rows/policy-rows';
import { isUuid } from '../snapshots';
import type { Tx } from '../transaction';
import { edgeRowKey, foldByRowKey, mergeEdge } from './merge-edges';

/**
 * Serialises imports into one snapshot: the row lock is held until the transaction ends, so a second
 * import waits, then reads what the first committed (https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-ROWS).
 * Readers are not blocked (plain SELECTs take no row locks).
 */
export async function lockSnapshot(tx: Tx, snapshotId: string): Promise<void> {
  if (!isUuid(snapshotId)) throw notFound(`Snapshot ${snapshotId}`);
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM "Snapshot" WHERE id = ${snapshotId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound(`Snapshot ${snapshotId}`);
}

const apiGroup = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');
const policyIdentity = (p: { apiVersion: string; kind: string; namespace: string | null; name: string }) => `${apiGroup(p.apiVersion)}\t${p.kind}\t${p.namespace ?? ''}\t${p.name}`;

/**
 * Stores policy objects; one with the same identity as a stored one (API group, kind, namespace,
 * name: what `kubectl apply` would update) replaces it. Returns how many were replaced.
 */
export async function upsertPolicies(tx: Tx, snapshotId: string, policies: readonly PolicyInput[]): Promise<number> {
  if (policies.length === 0) return 0;
  const incoming = new Set(policies.map((p) => policyIdentity({ apiVersion: p.apiVersion, kind: p.kind, namespace: p.metadata.namespace ?? null, name: p.metadata.name })));
  const kinds = [...new Set(policies.map((p) => p.kind))];
  const stored = await tx.policy.findMany({ where: { snapshotId, kind: { in: kinds } }, select: { id: true, apiVersion: true, kind: true, namespace: true, name: true } });
  const replaced = stored.filter((s) => incoming.has(policyIdentity(s))).map((s) => s.id);
  for (const ids of batches(replaced)) await tx.policy.deleteMany({ where: { id: { in: ids } } });
  for (const b of batches(policies, 500)) await tx.policy.createMany({ data: b.map((p) => toPolicyRow(snapshotId, p)) });
  return replaced.length;
}

/**
 * Adds edges to the snapshot's stored edges: a key already stored is merged (mergeEdge: the same format's
 * figures add, another format's view of the same traffic counts once), a new key is inserted. Returns how many
 * keys were new and how many merged.
 */
export async function mergeEdges(tx: Tx, snapshotId: string, edges: readonly ObservedEdge[]): Promise<{ added: number; merged: number }> {
  const incoming = foldByRowKey(edges);
  const sources = [...new Set([...incoming.values()].map((e) => e.source))];
  const stored = new Map<string, { id: number; edge: ObservedEdge }>();
  for (const b of batches(sources, 1000)) {
    for (const row of await tx.trafficEdge.findMany({ where: { snapshotId, source: { in: b } } })) {
      const edge = fromEdgeRow(row);
      stored.set(edgeRowKey(edge), { id: row.id, edge });
    }
  }
  const replacedIds: number[] = [];
  const rows: ObservedEdge[] = [];
  for (const [key, e] of incoming) {
    const old = stored.get(key);
    if (old) {
      replacedIds.push(old.id);
      rows.push(mergeEdge(old.edge, e));
    } else rows.push(e);
  }
  // Merged rows are deleted and re-inserted: two statements per batch instead of one UPDATE per edge.
  for (const ids of batches(replacedIds)) await tx.trafficEdge.deleteMany({ where: { id: { in: ids } } });
  for (const b of batches(rows)) await tx.trafficEdge.createMany({ data: b.map((e) => toEdgeRow(snapshotId, e)) });
  return { added: rows.length - replacedIds.length, merged: replacedIds.length };
}

export async function insertUnresolved(tx: Tx, snapshotId: string, unresolved: readonly UnresolvedRecord[], format: string, importJobId: number): Promise<void> {
  for (const b of batches(unresolved)) await tx.unresolvedRecord.createMany({ data: b.map((u) => toUnresolvedRow(snapshotId, u, format, importJobId)) });
}

/** Widens the snapshot's traffic window to include `window`. */
export async function widenTrafficWindow(tx: Tx, snapshotId: string, window: { start: string; end: string } | null): Promise<void> {
  if (!window) return;
  const s = await tx.snapshot.findUniqueOrThrow({ where: { id: snapshotId }, select: { trafficFrom: true, trafficTo: true } });
  const start = new Date(window.start);
  const end = new Date(window.end);
  await tx.snapshot.update({
    where: { id: snapshotId },
    data: {
      trafficFrom: s.trafficFrom && s.trafficFrom < start ? s.trafficFrom : start,
      trafficTo: s.trafficTo && s.trafficTo > end ? s.trafficTo : end,
    },
  });
}
