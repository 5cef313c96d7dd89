import { beforeAll, describe, expect, test } from 'vitest';
import { createSnapshot, saveSnapshotContent } from '@/lib/db';
import { readDemoContent } from '@/lib/db/demo';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { useTestDatabase } from '@/lib/db/test-support/use-test-database';
import type { BlastRadiusReport, RiskEntry, SensitivityFinding } from '@/lib/graph';
import { GET } from './route';
import { GET as GET_RISKIEST } from '../riskiest/route';
import { GET as GET_FINDINGS } from '../findings/route';
import { GET as GET_SENSITIVITY } from '../sensitivity/route';
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

  test('CoreDNS is reached but not traversed by default; pivotThroughInfra=1 walks on from it', async () => {
    const stop = await get('?start=boutique/frontend');
    expect(stop.body.pivotThroughInfra).toBe(false);
    expect(stop.body.reached.find((r) => r.workload === 'kube-system/coredns')).toMatchObject({ hops: 1, infra: 'dns', notTraversed: true });
    expect(stop.body.grantedButUnused.filter((e) => e.source === 'kube-system/coredns')).toEqual([]);
    const pivot = await get('?start=boutique/frontend&pivotThroughInfra=1');
    expect(pivot.body.pivotThroughInfra).toBe(true);
    expect(pivot.body.reached.find((r) => r.workload === 'kube-system/coredns')?.notTraversed).toBeUndefined();
    // Walking on from CoreDNS puts its unused grants (kube-system has no policy) on the attacker's way.
    expect(pivot.body.grantedButUnused.some((e) => e.source === 'kube-system/coredns')).toBe(true);
    expect((await get('?start=boutique/frontend&pivotThroughInfra=maybe')).status).toBe(400);
  });

  test('reached workloads carry the sensitivity Findings shows', async () => {
    const { body } = await get('?start=boutique/frontend');
    const marks = Object.fromEntries(body.reached.filter((r) => r.sensitivity).map((r) => [r.workload, r.sensitivity]));
    expect(marks).toMatchObject({
      'boutique/paymentservice': { level: 'sensitive', categories: ['payment'] },
      'boutique/emailservice': { level: 'sensitive', categories: ['user-data'] },
      'boutique/redis-cart': { level: 'sensitive', categories: ['data-store'] },
    });
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

  test.each(['', '&pivotThroughInfra=1'])('agrees with each workload\'s blast radius under the same option (%s)', async (pivot) => {
    const res = await GET_RISKIEST(new Request(`http://localhost/api/snapshots/${snapshotId}/riskiest?limit=3${pivot}`), { params: Promise.resolve({ id: snapshotId }) });
    const body = (await res.json()) as { riskiest: RiskEntry[] };
    for (const r of body.riskiest) expect(r.reachable, r.workload).toBe((await get(`?start=${r.workload}${pivot}`)).body.reached.length);
  });
});

describe('one sensitivity for every page', () => {
  test('GET sensitivity, the findings and the blast-radius report list the same workloads', async () => {
    const ctx = { params: Promise.resolve({ id: snapshotId }) };
    const { sensitivity } = (await (await GET_SENSITIVITY(new Request(`http://localhost/api/snapshots/${snapshotId}/sensitivity`), ctx)).json()) as { sensitivity: SensitivityFinding[] };
    const findings = (await (await GET_FINDINGS(new Request(`http://localhost/api/snapshots/${snapshotId}/findings`), ctx)).json()) as { sensitivity: SensitivityFinding[] };
    expect(findings.sensitivity).toEqual(sensitivity);
    expect((await get('?start=boutique/frontend')).body.sensitivity).toEqual(sensitivity);
    expect(sensitivity.map((s) => s.workload)).toEqual(expect.arrayContaining(['boutique/emailservice', 'boutique/paymentservice', 'boutique/redis-cart']));
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
