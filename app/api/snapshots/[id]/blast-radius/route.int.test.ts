import { beforeAll, describe, expect, test } from 'vitest';
import { createSnapshot, saveSnapshotContent } from '@/lib/db';
import { readDemoContent } from '@/lib/db/demo';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { useTestDatabase } from '@/lib/db/test-support/use-test-database';
import type { BlastRadiusReport, RiskEntry } from '@/lib/graph';
import { GET } from './route';
import { GET as GET_RISKIEST } from '../riskiest/route';
import { DELETE as UNTAG, GET as LIST_TAGS, POST as TAG } from '../crown-jewels/route';

// eslint-disable-next-line react-hooks/rules-of-hooks -- a Vitest fixture (lib/db test-support), not a React hook
useTestDatabase();
let snapshotId: string;

beforeAll(async () => {
  const { content } = await readDemoContent(BOUTIQUE_DIR);
  const s = await createSnapshot({ name: 'blast radius api', cluster: 'boutique-prod', environment: 'prod' });
  await saveSnapshotContent(s.id, content);
  snapshotId = s.id;
});

async function get(query: string) {
  const res = await GET(new Request(`http://localhost/api/snapshots/${snapshotId}/blast-radius${query}`), { params: Promise.resolve({ id: snapshotId }) });
  return { status: res.status, body: (await res.json()) as BlastRadiusReport & { error?: { message: string } } };
}

describe('GET /api/snapshots/:id/blast-radius', () => {
  test('a compromised frontend reaches paymentservice in two hops through checkoutservice', async () => {
    const { status, body } = await get('?start=boutique/frontend&crownJewels=boutique/paymentservice');
    expect(status).toBe(200);
    const payment = body.reached.find((r) => r.workload === 'boutique/paymentservice');
    expect(payment).toMatchObject({ hops: 2, crownJewel: true });
    expect(payment?.path.map((h) => h.to)).toEqual(['boutique/checkoutservice', 'boutique/paymentservice']);
    // Potential vs actual: emailservice is granted to frontend (A1) but never used.
    expect(body.grantedButUnused.some((e) => e.source === 'boutique/frontend' && e.destination === 'boutique/emailservice')).toBe(true);
  });

  test('exposure lists who reaches redis-cart', async () => {
    const { body } = await get('?start=boutique/redis-cart&direction=exposure');
    expect(body.reached.find((r) => r.workload === 'boutique/cartservice')?.hops).toBe(1);
  });

  test('an unknown workload is a 400 with a clear message', async () => {
    const { status, body } = await get('?start=boutique/nope');
    expect(status).toBe(400);
    expect(body.error?.message).toContain('unknown workload "boutique/nope"');
  });
});

describe('GET /api/snapshots/:id/riskiest', () => {
  test('ranks workloads by reach', async () => {
    const res = await GET_RISKIEST(new Request(`http://localhost/api/snapshots/${snapshotId}/riskiest?limit=3`), { params: Promise.resolve({ id: snapshotId }) });
    const body = (await res.json()) as { riskiest: RiskEntry[]; workloads: number };
    expect(res.status).toBe(200);
    expect(body.riskiest).toHaveLength(3);
    expect(body.riskiest[0]!.reachable).toBeGreaterThanOrEqual(body.riskiest[2]!.reachable);
    expect(body.workloads).toBeGreaterThan(10);
  });
});

describe('crown jewels stored in PostgreSQL', () => {
  const call = (handler: typeof TAG, method: string, body?: unknown) =>
    handler(new Request(`http://localhost/api/snapshots/${snapshotId}/crown-jewels`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) }), { params: Promise.resolve({ id: snapshotId }) });

  test('a tagged namespace marks its workloads as crown jewels in blast radius and the riskiest list', async () => {
    expect((await call(TAG, 'POST', { targetKind: 'workload', target: 'boutique/redis-cart', reason: 'cart data' })).status).toBe(201);
    const list = (await (await call(LIST_TAGS, 'GET')).json()) as { tags: { target: string }[] };
    expect(list.tags.map((t) => t.target)).toEqual(['boutique/redis-cart']);
    const { body } = await get('?start=boutique/frontend');
    expect(body.reached.find((r) => r.workload === 'boutique/redis-cart')?.crownJewel).toBe(true);
    const risk = (await (await GET_RISKIEST(new Request(`http://localhost/api/snapshots/${snapshotId}/riskiest?limit=1`), { params: Promise.resolve({ id: snapshotId }) })).json()) as { riskiest: RiskEntry[] };
    expect(risk.riskiest[0]?.crownJewelsReached).toContain('boutique/redis-cart');
    await call(UNTAG, 'DELETE', { targetKind: 'workload', target: 'boutique/redis-cart' });
    const after = await get('?start=boutique/frontend');
    expect(after.body.reached.find((r) => r.workload === 'boutique/redis-cart')?.crownJewel).toBe(false);
  });

  test('an invalid tag is a 400', async () => {
    expect((await call(TAG, 'POST', { targetKind: 'pod', target: '' })).status).toBe(400);
  });
});
