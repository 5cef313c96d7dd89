import { describe, expect, test } from 'vitest';
import { apiErrorSchema, snapshotListSchema, snapshotSchema, snapshotWithCountsSchema } from '@/lib/api';
import { prodSnapshot } from '@/lib/db/test-support/fixtures';
import { setupTestDatabase } from '@/lib/db/test-support/setup-test-database';
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
