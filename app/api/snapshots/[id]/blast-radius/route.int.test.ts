import { beforeAll, describe, expect, test } from 'vitest';
import { createSnapshot, saveSnapshotContent } from '@/lib/db';
import { readDemoContent } from '@/lib/db/demo';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { useTestDatabase } from '@/lib/db/test-support/use-test-database';
import type { BlastRadiusReport, RiskEntry } from '@/lib/graph';
import { GET } from './route';
import { GET as GET_RISKIEST } from '../riskiest/route';

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
