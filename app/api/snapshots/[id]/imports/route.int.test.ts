import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { importResponseSchema } from '@/components/import/import-result';
import { createSnapshot, getPrisma, loadSnapshotContent } from '@/lib/db';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { importRowCounts } from '@/lib/db/test-support/row-counts';
import { setupTestDatabase } from '@/lib/db/test-support/setup-test-database';
import { POST } from './route';

setupTestDatabase();
let snapshotId: string;

const sample = (rel: string) => readFileSync(path.join(BOUTIQUE_DIR, rel));
const url = (id: string, query = '') => `http://localhost/api/snapshots/${id}/imports${query}`;

async function post(request: Request, id = snapshotId) {
  const res = await POST(request, { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as unknown };
}

const raw = (rel: string, id = snapshotId) =>
  new Request(url(id, `?fileName=${encodeURIComponent(rel)}`), { method: 'POST', body: sample(rel), headers: { 'content-type': 'application/octet-stream' } });

beforeAll(async () => {
  snapshotId = (await createSnapshot({ name: 'route import', cluster: 'boutique-prod', environment: 'prod' })).id;
});

describe('POST /api/snapshots/:id/imports', () => {
  test('the raw body named by ?fileName= imports and answers the ImportResult shape', async () => {
    const { status, body } = await post(raw('kubernetes/cluster-state.json'));
    expect(status).toBe(200);
    const parsed = importResponseSchema.parse(body);
    expect(parsed.results).toHaveLength(1);
    expect(parsed.results[0]).toMatchObject({ fileName: 'kubernetes/cluster-state.json', status: 'succeeded', format: 'kubernetes' });
  });

  test('multipart with several files: one result per file, manifests applied before traffic', async () => {
    const form = new FormData();
    form.append('file', new Blob([sample('hubble/hubble-observe.jsonl')]), 'hubble.jsonl');
    form.append('file', new Blob([sample('policies/networkpolicy.yaml')]), 'networkpolicy.yaml');
    const { status, body } = await post(new Request(url(snapshotId), { method: 'POST', body: form }));
    expect(status).toBe(200);
    const { results } = importResponseSchema.parse(body);
    expect(results.map((r) => [r.fileName, r.status, r.format])).toEqual([
      ['hubble.jsonl', 'succeeded', 'hubble'],
      ['networkpolicy.yaml', 'succeeded', 'kubernetes'],
    ]);
    expect(results[0]!.counts.imported).toBeGreaterThan(0);
    const content = await loadSnapshotContent(snapshotId);
    expect(content.edges.some((e) => e.source === 'boutique/checkoutservice' && e.destination === 'boutique/paymentservice')).toBe(true);
  });

  test('the same file again is a duplicate with a message', async () => {
    const { body } = await post(raw('kubernetes/cluster-state.json'));
    const { results } = importResponseSchema.parse(body);
    expect(results[0]).toMatchObject({ status: 'duplicate' });
    expect(results[0]!.message).toMatch(/^already imported on .* as kubernetes\/cluster-state\.json/);
  });

  test('a file in an unknown format is a failed result with a diagnostic, not an HTTP error', async () => {
    const req = new Request(url(snapshotId, '?fileName=notes.txt'), { method: 'POST', body: 'just some text\n' });
    const { status, body } = await post(req);
    expect(status).toBe(200);
    const { results } = importResponseSchema.parse(body);
    expect(results[0]).toMatchObject({ status: 'failed', format: null });
    expect(results[0]!.diagnostics[0]).toMatchObject({ severity: 'error', code: 'unknown-format' });
  });

  test.each([
    { name: 'no fileName', request: () => new Request(url(snapshotId), { method: 'POST', body: 'x' }), id: () => snapshotId, status: 400 },
    { name: 'unknown snapshot', request: () => raw('edges/edges.csv', '00000000-0000-4000-8000-000000000000'), id: () => '00000000-0000-4000-8000-000000000000', status: 404 },
  ])('$name -> $status', async ({ request, id, status }) => {
    expect((await post(request(), id())).status).toBe(status);
  });
});

const badPolicy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{protocol: TCPX, port: 80}]}]\n';
const rawText = (id: string, fileName: string, body: string, query = '') => new Request(url(id, `?fileName=${encodeURIComponent(fileName)}${query}`), { method: 'POST', body });

describe('POST /api/snapshots/:id/imports: nothing a file could not import is stored', () => {
  test('a policy the engine would ignore fails the file, with file, line and reason; nothing but the failed job is stored', async () => {
    const before = await importRowCounts();
    const { status, body } = await post(rawText(snapshotId, 'netpol.yaml', badPolicy));
    expect(status).toBe(200);
    const { snapshotId: into, results } = importResponseSchema.parse(body);
    expect(into).toBe(snapshotId);
    expect(results[0]).toMatchObject({ status: 'failed', format: 'kubernetes', counts: { imported: 0 } });
    expect(results[0]!.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'invalid-policy', file: 'netpol.yaml', line: 1, message: expect.stringContaining('protocol: unsupported protocol "TCPX"') }),
    ]);
    expect(await importRowCounts()).toEqual({ ...before, jobs: before.jobs + 1 });
  });
});

describe('POST /api/snapshots/new/imports?name=&cluster=&environment=', () => {
  const newSnapshot = (name: string) => `&name=${encodeURIComponent(name)}&cluster=api-test&environment=prod`;

  test('a file that fails creates no snapshot: snapshotId null, no row written', async () => {
    const before = await importRowCounts();
    for (const [fileName, text] of [['notes.txt', 'just some text\n'], ['netpol.yaml', badPolicy]] as const) {
      const { status, body } = await post(rawText('new', fileName, text, newSnapshot('api nothing imported')), 'new');
      expect(status).toBe(200);
      const parsed = importResponseSchema.parse(body);
      expect(parsed).toMatchObject({ snapshotId: null, results: [{ fileName, status: 'failed', jobId: null }] });
    }
    expect(await importRowCounts()).toEqual(before);
  });

  test('the first file that imports creates it; the next ones go into it by id', async () => {
    const request = new Request(url('new', `?fileName=cluster-state.json${newSnapshot('api created')}`), { method: 'POST', body: sample('kubernetes/cluster-state.json') });
    const created = importResponseSchema.parse((await post(request, 'new')).body);
    expect(created.results[0]).toMatchObject({ status: 'succeeded' });
    const snapshot = await getPrisma().snapshot.findFirstOrThrow({ where: { name: 'api created', cluster: 'api-test' } });
    expect(created.snapshotId).toBe(snapshot.id);
    expect(snapshot.environment).toBe('prod');
    const next = importResponseSchema.parse((await post(raw('policies/networkpolicy.yaml', snapshot.id), snapshot.id)).body);
    expect(next).toMatchObject({ snapshotId: snapshot.id, results: [{ status: 'succeeded' }] });
    expect(await getPrisma().policy.count({ where: { snapshotId: snapshot.id } })).toBe(13);
  });

  test.each([
    { name: 'a name the cluster already has', query: () => `&name=route%20import&cluster=boutique-prod&environment=prod`, status: 409 },
    { name: 'no name', query: () => '&cluster=api-test&environment=prod', status: 400 },
  ])('$name -> $status, nothing read or written', async ({ query, status }) => {
    const before = await importRowCounts();
    expect((await post(rawText('new', 'netpol.yaml', badPolicy, query()), 'new')).status).toBe(status);
    expect(await importRowCounts()).toEqual(before);
  });
});
