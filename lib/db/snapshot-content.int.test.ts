import { beforeAll, describe, expect, test } from 'vitest';
import { withPgClient } from './connection';
import { readDemoContent } from './demo';
import { createSnapshot, deleteSnapshot, getSnapshot, getSnapshotWithCounts, loadSnapshotContent, saveSnapshotContent, type SnapshotContent } from './index';
import { BOUTIQUE_DIR, prodSnapshot } from './test-support/fixtures';
import { setupTestDatabase } from './test-support/setup-test-database';

const db = setupTestDatabase();
let boutique: SnapshotContent;

beforeAll(async () => {
  boutique = (await readDemoContent(BOUTIQUE_DIR)).content;
});

const byKey = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
const edgeKey = (e: { source: string; destination: string; port: number; protocol: string; method?: string; pathTemplate?: string }) =>
  `${e.source}>${e.destination}:${e.port}/${e.protocol} ${e.method ?? ''} ${e.pathTemplate ?? ''}`;

/** Child tables that must be emptied with their snapshot. */
const CHILD_TABLES = ['Namespace', 'Workload', 'Pod', 'Service', 'ServiceAccount', 'EndpointSlice', 'ClusterNode', 'Policy', 'TrafficEdge', 'UnresolvedRecord'];

async function childRows(snapshotId: string): Promise<Record<string, number>> {
  return withPgClient(db.url, async (c) => {
    const out: Record<string, number> = {};
    for (const t of CHILD_TABLES) out[t] = Number((await c.query(`SELECT count(*) AS n FROM "${t}" WHERE "snapshotId" = $1`, [snapshotId])).rows[0].n);
    return out;
  });
}

describe('snapshot content', () => {
  test('the Online Boutique content round-trips through the database', async () => {
    const s = await createSnapshot(prodSnapshot);
    await saveSnapshotContent(s.id, boutique);
    const loaded = await loadSnapshotContent(s.id);

    expect(loaded.inventory).toEqual(boutique.inventory);
    // Pod probes (a Json column) are part of it: the frontend's rewritten readiness probe.
    expect(loaded.inventory.pods.find((p) => p.name.startsWith('frontend-'))?.probes).toContainEqual({ kind: 'readiness', container: 'server', port: 15020, path: '/app-health/server/readyz' });
    expect(loaded.objects).toEqual(boutique.policies.map(({ apiVersion, kind, metadata, body, source }) => ({ apiVersion, kind, metadata, body, source })));
    expect(byKey(loaded.edges, edgeKey)).toEqual(byKey(boutique.edges, edgeKey));
    expect(loaded.unresolved).toEqual(boutique.unresolved);

    const counts = (await getSnapshotWithCounts(s.id)).counts;
    expect(counts).toEqual({
      namespaces: boutique.inventory.namespaces.length,
      workloads: boutique.inventory.workloads.length,
      policies: boutique.policies.length,
      // The graph's unit: one per (source, destination, port, protocol), however many routes were stored.
      edges: new Set(boutique.edges.map((e) => `${e.source}>${e.destination}:${e.port}/${e.protocol}`)).size,
    });
    expect(counts.edges).toBeGreaterThan(0);
  });

  test('the traffic window spans the edges', async () => {
    const s = await createSnapshot({ ...prodSnapshot, name: 'window' });
    await saveSnapshotContent(s.id, boutique);
    const first = boutique.edges.map((e) => e.firstSeen).sort()[0];
    const last = boutique.edges.map((e) => e.lastSeen).sort().at(-1);
    const saved = await getSnapshot(s.id);
    expect(saved.trafficFrom?.toISOString()).toBe(new Date(first!).toISOString());
    expect(saved.trafficTo?.toISOString()).toBe(new Date(last!).toISOString());
  });

  test('saving again replaces the content', async () => {
    const s = await createSnapshot({ ...prodSnapshot, name: 'replace' });
    await saveSnapshotContent(s.id, boutique);
    await saveSnapshotContent(s.id, { ...boutique, edges: boutique.edges.slice(0, 2), policies: [] });
    expect((await getSnapshotWithCounts(s.id)).counts).toMatchObject({ edges: 2, policies: 0, workloads: boutique.inventory.workloads.length });
  });

  test('a failing save leaves the previous content intact (one transaction)', async () => {
    const s = await createSnapshot({ ...prodSnapshot, name: 'atomic' });
    await saveSnapshotContent(s.id, boutique);
    const before = await childRows(s.id);
    const duplicateEdge = boutique.edges[0]!;
    // The second copy of the same edge key violates the unique index after everything else was written.
    await expect(saveSnapshotContent(s.id, { ...boutique, edges: [duplicateEdge, duplicateEdge] })).rejects.toThrow();
    expect(await childRows(s.id)).toEqual(before);
  });

  test('deleting a snapshot deletes everything it owns', async () => {
    const s = await createSnapshot({ ...prodSnapshot, name: 'cascade' });
    await saveSnapshotContent(s.id, boutique);
    expect((await childRows(s.id)).Pod).toBeGreaterThan(0);
    await deleteSnapshot(s.id);
    expect(Object.values(await childRows(s.id))).toEqual(CHILD_TABLES.map(() => 0));
  });
});
