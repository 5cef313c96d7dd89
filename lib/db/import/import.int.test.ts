import { describe, expect, test } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSnapshot, findRunningEmbeddedDatabase, getPrisma, importFile, importFiles, loadSnapshotContent } from '@/lib/db';
import { collapseObservedEdges } from '@/lib/graph';
import { readTrafficFiles } from '@/lib/traffic/node';
import { setupTestDatabase } from '../test-support/setup-test-database';
import {
  CLUSTER_STATE,
  NETWORK_POLICIES,
  TEST_TIME,
  boutiqueInventory,
  bytesUpload,
  edgeKey,
  edgeSummary,
  engineEdges,
  failingStream,
  fileUpload,
  gzipUpload,
  sampleBytes,
  samplePath,
} from './testing';

const db = setupTestDatabase();

let seq = 0;
/** A snapshot holding the boutique cluster export and its NetworkPolicies, imported through the importer itself. */
async function boutiqueSnapshot(): Promise<string> {
  const s = await createSnapshot({ name: `import test ${++seq}`, cluster: 'boutique-prod', environment: 'prod' });
  const results = await importFiles(s.id, [fileUpload(CLUSTER_STATE), fileUpload(NETWORK_POLICIES)]);
  expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  return s.id;
}

const storedEdges = async (id: string) => (await loadSnapshotContent(id)).edges;
const jobs = (snapshotId: string) => getPrisma().importJob.findMany({ where: { snapshotId }, orderBy: { id: 'asc' } });

interface AnswerKey {
  edges: { id: string; source: string; destination: string; port: number; protocol: string }[];
}
const answer = JSON.parse(new TextDecoder().decode(sampleBytes('answer-key.json'))) as AnswerKey;
const answerKeys = (ids: string[]) => ids.map((id) => edgeKey(answer.edges.find((e) => e.id === id)!));
const ALL = [...Array.from({ length: 17 }, (_, i) => `E${i + 1}`), 'U1', 'U2', 'U3'];

// README §3 "seen in": which answer-key edges each sample shows.
const samples = [
  { file: 'hubble/hubble-observe.jsonl', format: 'hubble', ids: ALL },
  { file: 'istio/istio-proxy-access-default.jsonl', format: 'envoy-json', ids: ALL },
  { file: 'istio/istio-proxy-access-default.log', format: 'envoy-text', ids: ALL },
  { file: 'istio/istio-proxy-access-custom-peer-identity.jsonl', format: 'envoy-json', ids: ['E1', 'E2', 'E14', 'E15', 'E17', 'U1', 'U2', 'U3'] },
  { file: 'linkerd/linkerd-viz-tap-ns-boutique.json', format: 'linkerd-tap', ids: ['E1', 'E14', 'E15', 'U1'] },
  { file: 'nginx/paymentservice-mtls-access.jsonl', format: 'nginx-json', ids: ['E14', 'U1'] },
  { file: 'vpc-flow-logs/aws-vpc-flow-logs-v2.log', format: 'aws-vpc', ids: ['E3', 'E4', 'E5', 'E6', 'E9', 'E10', 'E12', 'E14', 'E15', 'E17', 'U1', 'U2'] },
  { file: 'vpc-flow-logs/gcp-vpc-flow-logs.jsonl', format: 'gcp-vpc', ids: ['E3', 'E4', 'E10', 'E12', 'E14', 'E15', 'E17', 'U1', 'U2'] },
  { file: 'edges/edges.csv', format: 'edges-csv', ids: ALL },
  { file: 'edges/edges.jsonl', format: 'edges-jsonl', ids: ALL },
];

describe('boutique samples into a snapshot holding cluster-state.json + networkpolicy.yaml', () => {
  test.each(samples)('$file imports as $format with the answer-key edges', async ({ file, format, ids }) => {
    const id = await boutiqueSnapshot();
    const [result] = await importFiles(id, [fileUpload(file)], { defaultTime: TEST_TIME });
    expect(result).toMatchObject({ status: 'succeeded', format, fileName: file });
    expect(result!.counts.imported).toBeGreaterThan(0);
    const edges = await storedEdges(id);
    const keys = new Set(edges.map(edgeKey));
    for (const k of answerKeys(ids)) expect(keys.has(k), k).toBe(true);
    // Stored edges are exactly what the engine computes from the same file in memory.
    expect(edgeSummary(edges)).toEqual(edgeSummary((await engineEdges(file)).values()));
  });

  test('manifests are applied before traffic in one call, whatever the order given', async () => {
    const s = await createSnapshot({ name: `import test ${++seq}`, cluster: 'boutique-prod', environment: 'prod' });
    const results = await importFiles(s.id, [fileUpload('hubble/hubble-observe.jsonl'), fileUpload(NETWORK_POLICIES), fileUpload(CLUSTER_STATE)]);
    expect(results.map((r) => [r.fileName, r.status, r.format])).toEqual([
      ['hubble/hubble-observe.jsonl', 'succeeded', 'hubble'],
      [NETWORK_POLICIES, 'succeeded', 'kubernetes'],
      [CLUSTER_STATE, 'succeeded', 'kubernetes'],
    ]);
    const content = await loadSnapshotContent(s.id);
    expect(content.edges.map(edgeKey)).toContain(edgeKey(answer.edges.find((e) => e.id === 'E14')!));
    expect(content.objects.filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(13);
    const policy = await getPrisma().policy.findFirstOrThrow({ where: { snapshotId: s.id, kind: 'NetworkPolicy' } });
    expect(policy.rawYaml).toMatch(/^(#.*\n)*apiVersion: networking\.k8s\.io\/v1/m); // the file's own text, not a re-rendering
  });
});

describe('merging into existing edges', () => {
  test('the same edges in another format count once: figures combine by maximum, observers are kept apart', async () => {
    const id = await boutiqueSnapshot();
    const [a, b] = await importFiles(id, [fileUpload('edges/edges.jsonl'), fileUpload('edges/edges.csv')]);
    expect([a!.status, b!.status]).toEqual(['succeeded', 'succeeded']);
    expect(b!.counts).toMatchObject({ edgesAdded: 0 });
    const stored = await storedEdges(id);
    expect(edgeSummary(stored)).toEqual(edgeSummary((await engineEdges('edges/edges.jsonl')).values()));
    expect(new Set(stored.map((e) => e.observations?.map((o) => o.observer).join()))).toEqual(new Set(['edges-csv,edges-jsonl']));
  });

  test('another file of the same format is other traffic: counts and verdicts add', async () => {
    const id = await boutiqueSnapshot();
    const text = new TextDecoder().decode(sampleBytes('edges/edges.jsonl'));
    const reordered = text.trim().split('\n').reverse().join('\n') + '\n'; // other bytes, so not a duplicate
    const [a, b] = await importFiles(id, [fileUpload('edges/edges.jsonl'), bytesUpload('later.jsonl', reordered)]);
    expect([a!.status, b!.status]).toEqual(['succeeded', 'succeeded']);
    const once = edgeSummary((await engineEdges('edges/edges.jsonl')).values()) as Record<string, { count: number; verdicts: Record<string, number> }>;
    const stored = edgeSummary(await storedEdges(id)) as Record<string, { count: number; verdicts: Record<string, number> }>;
    expect(Object.keys(stored).sort()).toEqual(Object.keys(once).sort());
    for (const [k, e] of Object.entries(once)) {
      expect(stored[k]!.count, k).toBe(2 * e.count);
      for (const [v, n] of Object.entries(e.verdicts)) expect(stored[k]!.verdicts[v], `${k} ${v}`).toBe(2 * n);
    }
  });

  test('Hubble then Istio into one snapshot: stored edges equal both files aggregated together, E14 counts once', async () => {
    const id = await boutiqueSnapshot();
    const files = ['hubble/hubble-observe.jsonl', 'istio/istio-proxy-access-default.jsonl', 'istio/istio-proxy-access-default.log'];
    for (const f of files) expect((await importFile(id, fileUpload(f))).status).toBe('succeeded');
    const together = await readTrafficFiles(files.map(samplePath), await boutiqueInventory(), { defaultTime: TEST_TIME });
    const stored = await storedEdges(id);
    expect(edgeSummary(stored)).toEqual(edgeSummary(together.edges));
    const e14 = collapseObservedEdges(stored).find((e) => edgeKey(e) === answerKeys(['E14'])[0]);
    expect(e14).toMatchObject({ observed: { count: 1, verdicts: { forwarded: 1 } }, observedBy: ['envoy', 'hubble'] });
    // importing the same bytes again is still refused, and changes nothing
    const before = edgeSummary(stored);
    expect((await importFile(id, { ...fileUpload(files[0]!), fileName: 'again.jsonl' })).status).toBe('duplicate');
    expect(edgeSummary(await storedEdges(id))).toEqual(before);
  });

  test('an edge stored with another count unit keeps both: the headline is the best unit, never a sum', async () => {
    const id = await boutiqueSnapshot();
    const line = (unit: string, count: number) => `{"source": "boutique/frontend", "destination": "boutique/cartservice", "port": 7070, "protocol": "TCP", "count": ${count}, "first_seen": "2026-03-12T09:30:00Z", "last_seen": "2026-03-12T09:31:00Z", "count_unit": "${unit}"}\n`;
    expect((await importFile(id, bytesUpload('requests.jsonl', line('requests', 5)))).diagnostics).toEqual([]);
    const r = await importFile(id, bytesUpload('flows.jsonl', line('flows', 9)));
    expect(r).toMatchObject({ status: 'succeeded', diagnostics: [] });
    const [stored, ...rest] = await storedEdges(id);
    expect(rest).toEqual([]);
    expect([stored!.count, stored!.countUnit]).toEqual([5, 'requests']);
    expect(stored!.observations?.map((o) => [o.observer, o.countUnit, o.count])).toEqual([
      ['edges-jsonl', 'requests', 5],
      ['edges-jsonl', 'flows', 9],
    ]);
  });

  test('a row stored before observations were kept is one observation of its first observer', async () => {
    const id = await boutiqueSnapshot();
    const row = { snapshotId: id, source: 'boutique/frontend', destination: 'boutique/cartservice', port: 7070, protocol: 'TCP', countUnit: 'requests', count: 7n, firstSeen: new Date('2026-03-12T09:30:00Z'), lastSeen: new Date('2026-03-12T09:31:00Z'), verdicts: { forwarded: 7 }, observedBy: ['istio'] };
    await getPrisma().trafficEdge.create({ data: row });
    const line = '{"source": "boutique/frontend", "destination": "boutique/cartservice", "port": 7070, "protocol": "TCP", "count": 4, "first_seen": "2026-03-12T09:20:00Z", "last_seen": "2026-03-12T09:31:00Z", "count_unit": "requests", "observed_by": "hubble"}\n';
    expect((await importFile(id, bytesUpload('edges.jsonl', line))).status).toBe('succeeded');
    const [stored] = await storedEdges(id);
    expect(stored).toMatchObject({ count: 7, countUnit: 'requests', firstSeen: '2026-03-12T09:20:00.000Z', observedBy: ['hubble', 'istio'] });
    expect(stored!.observations?.map((o) => [o.observer, o.count])).toEqual([
      ['edges-jsonl', 4],
      ['istio', 7],
    ]);
  });

  test('the same content twice counts once, with a message naming the first import', async () => {
    const id = await boutiqueSnapshot();
    const first = await importFile(id, fileUpload('edges/edges.jsonl'));
    const before = edgeSummary(await storedEdges(id));
    const again = await importFile(id, { ...fileUpload('edges/edges.jsonl'), fileName: 'copy.jsonl' });
    expect(again.status).toBe('duplicate');
    expect(again.jobId).toBe(first.jobId);
    expect(again.message).toMatch(/^already imported on \d{4}-\d\d-\d\dT.+ as edges\/edges\.jsonl/);
    // gzip of the same bytes is the same content (the hash covers the decompressed bytes)
    expect((await importFile(id, gzipUpload('edges/edges.jsonl'))).status).toBe('duplicate');
    expect(edgeSummary(await storedEdges(id))).toEqual(before);
    expect((await jobs(id)).filter((j) => j.format === 'edges-jsonl')).toHaveLength(1);
  });

  test('gzip input is detected by its magic bytes and imported', async () => {
    const id = await boutiqueSnapshot();
    const r = await importFile(id, gzipUpload('hubble/hubble-observe.jsonl'));
    expect(r).toMatchObject({ status: 'succeeded', format: 'hubble' });
    expect(edgeSummary(await storedEdges(id))).toEqual(edgeSummary((await engineEdges('hubble/hubble-observe.jsonl')).values()));
  });
});

describe('atomicity', () => {
  test('a stream that fails halfway leaves nothing behind and records the failure', async () => {
    const id = await boutiqueSnapshot();
    await importFile(id, fileUpload('edges/edges.jsonl'));
    const before = edgeSummary(await storedEdges(id));
    const unresolvedBefore = await getPrisma().unresolvedRecord.count({ where: { snapshotId: id } });
    const r = await importFile(id, { fileName: 'broken.jsonl', content: failingStream(sampleBytes('hubble/hubble-observe.jsonl'), 2048, 5) });
    expect(r.status).toBe('failed');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'import-aborted', file: 'broken.jsonl' });
    expect(r.diagnostics[0]!.message).toContain('connection reset by peer');
    expect(edgeSummary(await storedEdges(id))).toEqual(before);
    expect(await getPrisma().unresolvedRecord.count({ where: { snapshotId: id } })).toBe(unresolvedBefore);
    const failed = (await jobs(id)).filter((j) => j.status === 'failed');
    expect(failed.map((j) => j.fileName)).toEqual(['broken.jsonl']);
  });

  test('an import cancelled while writing rolls back what it already wrote', async () => {
    const id = await boutiqueSnapshot();
    await importFile(id, fileUpload('edges/edges.jsonl'));
    const before = edgeSummary(await storedEdges(id));
    const controller = new AbortController();
    const r = await importFile(id, fileUpload('hubble/hubble-observe.jsonl'), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing') controller.abort(new Error('stopped by the user'));
      },
    });
    expect(r.status).toBe('failed');
    expect(r.message).toContain('stopped by the user');
    expect(edgeSummary(await storedEdges(id))).toEqual(before);
    expect((await jobs(id)).filter((j) => j.fileName === 'hubble/hubble-observe.jsonl').map((j) => j.status)).toEqual(['failed']);
    // Retrying the same content afterwards works (the failure does not count as an import).
    expect((await importFile(id, fileUpload('hubble/hubble-observe.jsonl'))).status).toBe('succeeded');
  });
});

/** Polls `condition` until it holds (the test's timeout bounds it). */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('concurrency', () => {
  test('a second import into the same snapshot waits for the first, then both count fully', async () => {
    const id = await boutiqueSnapshot();
    // Import A: the edge list 20 times, paused after its first 64 KiB + 1 chunk, i.e. inside its transaction.
    const lines = new TextDecoder().decode(sampleBytes('edges/edges.jsonl'));
    const big = new TextEncoder().encode(lines.repeat(20));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* paused(): AsyncGenerator<Uint8Array> {
      yield big.subarray(0, 80 * 1024);
      await gate;
      yield big.subarray(80 * 1024);
    }
    const a = importFile(id, { fileName: 'a.jsonl', content: paused() });
    // Import B (same edge keys, same format so its counts add) starts while A holds the snapshot: it must wait on the row lock.
    const b = importFile(id, fileUpload('edges/edges.jsonl'));
    await waitFor(async () => (await getPrisma().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n > 0n);
    release();
    expect((await a).status).toBe('succeeded');
    expect((await b).status).toBe('succeeded');
    const once = edgeSummary((await engineEdges('edges/edges.jsonl')).values()) as Record<string, { count: number }>;
    const stored = edgeSummary(await storedEdges(id)) as Record<string, { count: number }>;
    for (const [k, e] of Object.entries(once)) expect(stored[k]!.count, k).toBe(21 * e.count);
  });

  test('the same content twice at once: one import, one duplicate', async () => {
    const id = await boutiqueSnapshot();
    const results = await Promise.all([importFile(id, fileUpload('hubble/hubble-observe.jsonl')), importFile(id, gzipUpload('hubble/hubble-observe.jsonl'))]);
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'succeeded']);
    expect(edgeSummary(await storedEdges(id))).toEqual(edgeSummary((await engineEdges('hubble/hubble-observe.jsonl')).values()));
  });
});

describe('bad records', () => {
  const hubble = new TextDecoder().decode(sampleBytes('hubble/hubble-observe.jsonl')).trimEnd().split('\n');
  // Lines 3, 6 and 9 are broken; the rest is the sample.
  const withBadLines = [hubble[0], hubble[1], '{"flow": {"verdict": ', ...hubble.slice(2, 4), 'not json at all', ...hubble.slice(4, 6), '{"flow":', ...hubble.slice(6)].join('\n');

  test('are reported with line and reason; the import continues and counts them', async () => {
    const id = await boutiqueSnapshot();
    const r = await importFile(id, bytesUpload('bad.jsonl', withBadLines));
    expect(r.status).toBe('succeeded');
    expect(r.diagnostics.filter((d) => d.code === 'invalid-json').map((d) => [d.file, d.line])).toEqual([
      ['bad.jsonl', 3],
      ['bad.jsonl', 6],
      ['bad.jsonl', 9],
    ]);
    expect(r.counts.skipped['invalid-json']).toBe(3);
    expect(r.counts.rejected).toBe(3); // partly imported: no surface shows it as a clean success
    expect(r.message).toMatch(/^\d+ of \d+ records imported, 3 rejected \(listed below\): /);
    expect(r.counts.read).toBe(hubble.length + 3);
  });

  test('over the threshold the import fails, writes nothing and records the failure', async () => {
    const id = await boutiqueSnapshot();
    const r = await importFile(id, bytesUpload('bad.jsonl', withBadLines), { badRecordThreshold: 2 });
    expect(r.status).toBe('failed');
    expect(r.diagnostics.some((d) => d.code === 'too-many-bad-records')).toBe(true);
    expect(await storedEdges(id)).toEqual([]);
    const [job] = (await jobs(id)).filter((j) => j.fileName === 'bad.jsonl');
    expect(job).toMatchObject({ status: 'failed', format: 'hubble' });
    expect((job!.counts as { skipped: Record<string, number> }).skipped['invalid-json']).toBe(3);
  });
});

describe('content that is not importable', () => {
  test.each([
    { name: 'unknown', upload: bytesUpload('notes.txt', 'hello\nworld\n'), code: 'unknown-format' },
    { name: 'empty', upload: bytesUpload('empty.json', ''), code: 'empty-file' },
  ])('$name content fails with $code', async ({ upload, code }) => {
    const id = await boutiqueSnapshot();
    const r = await importFile(id, upload);
    expect(r).toMatchObject({ status: 'failed', format: null });
    expect(r.diagnostics[0]?.code).toBe(code);
  });

  test('a manifest over the size cap fails with a clear error', async () => {
    const id = await boutiqueSnapshot();
    const r = await importFile(id, fileUpload(CLUSTER_STATE), { maxManifestBytes: 1024 });
    expect(r).toMatchObject({ status: 'failed', format: 'kubernetes' });
    expect(r.diagnostics[0]).toMatchObject({ code: 'manifest-too-large' });
    expect(r.diagnostics[0]!.message).toContain('EASTWEST_MAX_MANIFEST_BYTES');
  });

  test('an unknown snapshot is not-found', async () => {
    await expect(importFile('00000000-0000-4000-8000-000000000000', bytesUpload('x', 'y'))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('findRunningEmbeddedDatabase', () => {
  /** A data directory as lib/db/embedded.ts leaves it while its server runs: postmaster.pid (port on line 4) and the password file. */
  async function dataDir(port: number | null): Promise<string> {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'eastwest-embedded-')), 'pg');
    await mkdir(dir);
    if (port !== null) await writeFile(path.join(dir, 'postmaster.pid'), `4242\n${dir}\n1763900000\n${port}\n/tmp\n127.0.0.1\n`);
    await writeFile(`${dir}.secret`, 'secret\n');
    return dir;
  }
  const testDb = () => new URL(db.url);

  test('joins the server named by postmaster.pid', async () => {
    const url = await findRunningEmbeddedDatabase({ dataDir: await dataDir(Number(testDb().port || 5432)), database: testDb().pathname.slice(1) });
    expect(url).toMatch(/^postgresql:\/\/postgres:secret@127\.0\.0\.1:\d+\/eastwest_test_/);
  });

  test.each([
    { name: 'no server running (no pid file)', port: null },
    { name: 'a stale pid file', port: 1 },
  ])('null for $name', async ({ port }) => {
    expect(await findRunningEmbeddedDatabase({ dataDir: await dataDir(port), database: testDb().pathname.slice(1) })).toBeNull();
  });
});
