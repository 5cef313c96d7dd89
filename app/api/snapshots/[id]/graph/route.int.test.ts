import { createReadStream } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createSnapshot, saveSnapshotContent } from '@/lib/db';
import { readDemoContent } from '@/lib/db/demo';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { useTestDatabase } from '@/lib/db/test-support/use-test-database';
import type { GraphView } from '@/lib/graph';
import { importTraffic } from '@/lib/traffic';
import { GET } from './route';

// eslint-disable-next-line react-hooks/rules-of-hooks -- a Vitest fixture (lib/db test-support), not a React hook
useTestDatabase();
let snapshotId: string;

beforeAll(async () => {
  const { content } = await readDemoContent(BOUTIQUE_DIR);
  const hubble = path.join(BOUTIQUE_DIR, 'hubble/hubble-observe.jsonl');
  const traffic = await importTraffic(createReadStream(hubble), { fileName: hubble, inventory: content.inventory });
  const s = await createSnapshot({ name: 'graph api', cluster: 'boutique-prod', environment: 'prod' });
  await saveSnapshotContent(s.id, { ...content, edges: traffic.edges, unresolved: [] });
  snapshotId = s.id;
});

async function get(query: string, id = snapshotId) {
  const res = await GET(new Request(`http://localhost/api/snapshots/${id}/graph${query}`), { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as GraphView & { error?: string } };
}

describe('GET /api/snapshots/:id/graph', () => {
  test('the whole classified graph, with legend counts', async () => {
    const { status, body } = await get('');
    expect(status).toBe(200);
    const edge = body.edges.find((e) => e.source === 'boutique/frontend' && e.destination === 'boutique/paymentservice');
    expect(edge).toMatchObject({ class: 'unauthorized', state: 'denied', port: 50051 });
    expect(body.summary.unused).toBeGreaterThanOrEqual(2);
    expect(body.unusedRules.some((r) => r.dangling)).toBe(true);
  });

  test('filters: observed-but-unauthorized without infrastructure', async () => {
    const { status, body } = await get('?class=unauthorized&hideInfra=1');
    expect(status).toBe(200);
    expect(body.edges.map((e) => `${e.source}->${e.destination}`).sort()).toEqual(['boutique/frontend->boutique/paymentservice', 'boutique/frontend->boutique/redis-cart', 'tools/netshoot-debug->boutique/cartservice']);
    expect(body.visible.edges).toBe(3);
  });

  test('namespaces collapse above the threshold unless expanded', async () => {
    const { body } = await get('?collapseAbove=1&expand=tools');
    expect(body.collapsed.map((c) => c.namespace)).toContain('boutique');
    expect(body.nodes.some((n) => n.namespace === 'boutique')).toBe(false);
    expect(body.summaryEdges.some((s) => s.source === 'tools/netshoot-debug' && s.destination === 'ns:boutique' && s.counts.denied === 1)).toBe(true);
  });

  test.each([
    { query: '?class=bogus', status: 400 },
    { query: '?from=yesterday', status: 400 },
    { query: '?from=2026-03-12T10:00:00Z&to=2026-03-12T09:00:00Z', status: 400 },
  ])('$query -> $status', async ({ query, status }) => {
    expect((await get(query)).status).toBe(status);
  });

  test('unknown snapshot -> 404', async () => {
    expect((await get('', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
