import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { apiErrorSchema, snapshotListSchema, snapshotSchema, snapshotWithCountsSchema } from '@/lib/api';
import { getPrisma, importFiles } from '@/lib/db';
import { BOUTIQUE_DIR, prodSnapshot } from '@/lib/db/test-support/fixtures';
import { setupTestDatabase } from '@/lib/db/test-support/setup-test-database';
import type { GraphView } from '@/lib/graph';
import { GET as graph } from './[id]/graph/route';
import { DELETE, GET as getOne } from './[id]/route';
import { GET as list, POST } from './route';

setupTestDatabase();

const post = (body: unknown) =>
  POST(new Request('http://localhost/api/snapshots', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const req = (id: string, method = 'GET') => new Request(`http://localhost/api/snapshots/${id}`, { method });
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('/api/snapshots', () => {
  test('POST creates a snapshot; GET lists it with zero counts', async () => {
    const created = await post(prodSnapshot);
    expect(created.status).toBe(201);
    const snapshot = snapshotSchema.parse(await created.json());
    expect(snapshot).toMatchObject(prodSnapshot);
    expect(created.headers.get('location')).toBe(`/api/snapshots/${snapshot.id}`);

    const listed = snapshotListSchema.parse(await (await list()).json());
    expect(listed.snapshots.find((s) => s.id === snapshot.id)).toMatchObject({ ...prodSnapshot, counts: { namespaces: 0, workloads: 0, policies: 0, edges: 0 } });
  });

  test.each([
    { why: 'missing environment', body: { name: 'a', cluster: 'b' }, path: 'environment' },
    { why: 'blank name', body: { name: '  ', cluster: 'b', environment: 'prod' }, path: 'name' },
    { why: 'cluster not a string', body: { name: 'a', cluster: 7, environment: 'prod' }, path: 'cluster' },
  ])('POST with $why is a 400 naming the field', async ({ body, path }) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const error = apiErrorSchema.parse(await res.json()).error;
    expect(error.code).toBe('bad-request');
    expect(error.issues?.map((i) => i.path)).toContain(path);
  });

  test('POST with a body that is not JSON is a 400', async () => {
    const res = await post('{name: oops');
    expect(res.status).toBe(400);
    expect(apiErrorSchema.parse(await res.json()).error.message).toMatch(/JSON/);
  });

  test('POST of a name already used in the cluster is a 409', async () => {
    const body = { ...prodSnapshot, name: 'twice' };
    expect((await post(body)).status).toBe(201);
    const res = await post(body);
    expect(res.status).toBe(409);
    expect(apiErrorSchema.parse(await res.json()).error.code).toBe('conflict');
  });
});

describe('/api/snapshots/[id]', () => {
  test('GET returns the snapshot with counts; DELETE removes it', async () => {
    const { id } = snapshotSchema.parse(await (await post({ ...prodSnapshot, name: 'short-lived' })).json());
    const got = await getOne(req(id), ctx(id));
    expect(got.status).toBe(200);
    expect(snapshotWithCountsSchema.parse(await got.json())).toMatchObject({ id, name: 'short-lived' });

    expect((await DELETE(req(id, 'DELETE'), ctx(id))).status).toBe(204);
    expect((await getOne(req(id), ctx(id))).status).toBe(404);
    expect((await DELETE(req(id, 'DELETE'), ctx(id))).status).toBe(404);
  });

  test.each([
    { id: UNKNOWN_ID, status: 404, code: 'not-found' },
    { id: 'not-a-uuid', status: 400, code: 'bad-request' },
  ])('GET $id is a $status', async ({ id, status, code }) => {
    const res = await getOne(req(id), ctx(id));
    expect(res.status).toBe(status);
    expect(apiErrorSchema.parse(await res.json()).error.code).toBe(code);
  });
});

describe('the observed edge count of the snapshot cards', () => {
  test('is the graph\'s observed edge count when the logs name several L7 operations per edge', async () => {
    const { id } = snapshotSchema.parse(await (await post({ ...prodSnapshot, name: 'istio l7' })).json());
    // The Istio sample's frontend -> cartservice requests all call GetCart: add one AddItem, a second operation on that edge.
    const istio = await readFile(path.join(BOUTIQUE_DIR, 'istio/istio-proxy-access-default.jsonl'), 'utf8');
    const getCart = istio.split('\n').find((line) => line.includes('/hipstershop.CartService/GetCart'))!;
    const addItem = getCart.replace('/hipstershop.CartService/GetCart', '/hipstershop.CartService/AddItem');
    const manifests = ['kubernetes/cluster-state.json', 'policies/networkpolicy.yaml'].map((rel) => ({ fileName: rel, content: () => createReadStream(path.join(BOUTIQUE_DIR, rel)) }));
    const results = await importFiles(id, [...manifests, { fileName: 'istio-proxy-access.jsonl', content: `${istio.trimEnd()}\n${addItem}\n` }]);
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);

    // The premise: the traffic table holds one row per operation, several of them on one connection.
    const rows = await getPrisma().trafficEdge.findMany({ where: { snapshotId: id }, select: { source: true, destination: true, port: true, protocol: true, method: true, pathTemplate: true } });
    const connections = new Set(rows.map((r) => `${r.source}|${r.destination}|${r.port}|${r.protocol}`));
    const cart = rows.filter((r) => r.source === 'boutique/frontend' && r.destination === 'boutique/cartservice');
    expect(cart.map((r) => r.pathTemplate).sort()).toEqual(['/hipstershop.CartService/AddItem', '/hipstershop.CartService/GetCart']);
    expect(connections.size).toBeLessThan(rows.length);

    const res = await graph(new Request(`http://localhost/api/snapshots/${id}/graph`), ctx(id));
    const { summary } = (await res.json()) as GraphView;
    const observedInGraph = summary.allowed + summary.unauthorized;
    expect(observedInGraph).toBe(connections.size);

    const listed = snapshotListSchema.parse(await (await list()).json()).snapshots.find((s) => s.id === id);
    expect(listed?.counts.edges).toBe(observedInGraph);
    const one = snapshotWithCountsSchema.parse(await (await getOne(req(id), ctx(id))).json());
    expect(one.counts.edges).toBe(observedInGraph);
  });
});
