import { describe, expect, test } from 'vitest';
import { createSnapshot, getPrisma, importFile, importFiles, importIntoNewSnapshot } from '@/lib/db';
import { readEnvoyLogFormat } from '@/lib/traffic';
import { importRowCounts, type ImportRowCounts } from '../test-support/row-counts';
import { setupTestDatabase } from '../test-support/setup-test-database';
import { CLUSTER_STATE, NETWORK_POLICIES, bytesUpload, fileUpload, sampleBytes } from './testing';

/**
 * The product rule: bad input gets an error naming file, line and reason; an import commits fully or leaves nothing
 * behind; nothing the user gave is silently dropped. Every case counts the rows of the database before and after.
 */
setupTestDatabase();

/** What a failed file may leave in an existing snapshot: its ImportJob (status failed), nothing of its content. */
async function expectOnlyAFailedJob(before: ImportRowCounts) {
  const after = await importRowCounts();
  expect({ ...after, jobs: after.jobs - 1 }).toEqual(before);
}

let seq = 0;
const emptySnapshot = async () => (await createSnapshot({ name: `integrity ${++seq}`, cluster: 'test', environment: 'test' })).id;
const text = (rel: string) => new TextDecoder().decode(sampleBytes(rel));

const netpol = (name: string, protocol: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: ${protocol}\n      port: 80\n`;

// The Boutique NetworkPolicies (13 documents) with one broken: a second `: ` in the checkoutservice document's name.
const policies = text(NETWORK_POLICIES);
const brokenPolicies = policies.replace('  name: checkoutservice\n', '  name: checkoutservice: v2\n');
const brokenLine = policies.slice(0, policies.indexOf('  name: checkoutservice\n')).split('\n').length;

const clusterJson = JSON.parse(text(CLUSTER_STATE)) as { items: unknown[] };
const jsonList = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);

describe('a manifest file with an error fails whole: nothing of it is stored', () => {
  test.each([
    {
      name: 'a NetworkPolicy with protocol TCPX after a valid one',
      upload: () => bytesUpload('netpol.yaml', `${netpol('web', 'TCP')}---\n${netpol('api', 'TCPX')}`),
      expected: [{ code: 'invalid-policy', line: 13, message: /NetworkPolicy shop\/api ignored \(the API server would reject it\): spec\.ingress\[0\]\.ports\[0\]\.protocol: unsupported protocol "TCPX"/ }],
    },
    {
      name: 'the Boutique Cilium sample (specs nested under spec)',
      upload: () => fileUpload('policies/cilium-policies.yaml'),
      expected: [{ code: 'invalid-policy', line: 47, message: /CiliumNetworkPolicy boutique\/boutique-services: ignored \(Cilium would reject it\): spec\.specs is not a field of a rule/ }],
    },
    {
      name: 'a YAML syntax error in one of 13 NetworkPolicy documents',
      upload: () => bytesUpload('networkpolicy.yaml', brokenPolicies),
      expected: [{ code: 'yaml-syntax', line: brokenLine, message: /^Nested mappings are not allowed in compact mappings$/ }],
    },
    {
      name: 'a JSON List with an item that is not an object',
      upload: () => bytesUpload('cluster.json', jsonList([...clusterJson.items, 'oops'])),
      expected: [{ code: 'not-an-object', message: /document is a string, not a Kubernetes object/ }],
    },
    {
      name: 'a JSON List cut short (a syntax error)',
      upload: () => bytesUpload('cluster.json', jsonList(clusterJson.items).slice(0, 2000)),
      expected: [{ code: 'yaml-syntax', message: /./ }],
    },
  ])('$name', async ({ upload, expected }) => {
    const id = await emptySnapshot();
    const before = await importRowCounts();
    const r = await importFile(id, upload());
    expect(r).toMatchObject({ status: 'failed', format: 'kubernetes', counts: { imported: 0 } });
    expect(r.message).toMatch(/^nothing imported: an error in this file \(listed below\); correct it and import the file again$/);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual(expected.map((e) => expect.objectContaining({ code: e.code, file: upload().fileName, message: expect.stringMatching(e.message), ...('line' in e ? { line: e.line } : {}) })));
    for (const d of errors) expect(d.line, 'every error names its line').toBeGreaterThan(0);
    await expectOnlyAFailedJob(before);
    expect(await getPrisma().importJob.findFirst({ where: { snapshotId: id } })).toMatchObject({ status: 'failed' });
  });

  test('the YAML error names line and column; corrected, the same file imports all 13 policies', async () => {
    const id = await emptySnapshot();
    const broken = await importFile(id, bytesUpload('networkpolicy.yaml', brokenPolicies));
    expect(broken.diagnostics.find((d) => d.code === 'yaml-syntax')).toMatchObject({ file: 'networkpolicy.yaml', line: 104, column: 9 });
    expect(brokenLine).toBe(104);
    const fixed = await importFile(id, bytesUpload('networkpolicy.yaml', policies));
    expect(fixed).toMatchObject({ status: 'succeeded', counts: { imported: 13, rejected: 0 } });
    expect(await getPrisma().policy.count({ where: { snapshotId: id } })).toBe(13);
  });

  test('an object without a name is not importable: the rest is stored, and the file says it is partly imported', async () => {
    const id = await emptySnapshot();
    const r = await importFile(id, bytesUpload('cluster.json', jsonList([...clusterJson.items, { apiVersion: 'v1', kind: 'Service', metadata: {} }])));
    expect(r).toMatchObject({ status: 'succeeded', counts: { rejected: 1, skipped: { 'missing-name': 1 } } });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'missing-name', file: 'cluster.json', line: expect.any(Number) }));
    expect(r.message).toMatch(/; 1 not imported \(listed below\)$/);
  });
});

describe('traffic files', () => {
  const customLog = 'istio/istio-proxy-access-custom-peer-identity.log';

  test('a log none of whose lines can be read fails, stores nothing, and imports once read with its format', async () => {
    const id = await emptySnapshot();
    await importFiles(id, [fileUpload(CLUSTER_STATE)]);
    const before = await importRowCounts();
    const r = await importFile(id, fileUpload(customLog));
    expect(r).toMatchObject({ status: 'failed', format: 'envoy-text', counts: { imported: 0 } });
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'no-valid-records', file: customLog });
    expect(r.diagnostics.slice(1).every((d) => d.code === 'invalid-record' && d.line !== undefined)).toBe(true);
    await expectOnlyAFailedJob(before);
    // Failing keeps the content free: with its format it imports (a succeeded first attempt would make it a duplicate).
    const format = readEnvoyLogFormat(text('istio/meshconfig-text-with-peers.yaml'), 'meshconfig').value!;
    expect(await importFile(id, fileUpload(customLog), { envoyFormat: format })).toMatchObject({ status: 'succeeded', counts: { rejected: 0 } });
  });
});

describe('a new snapshot is created with the first file that imports, or not at all', () => {
  const notes = () => bytesUpload('notes.txt', 'meeting notes\n');
  const badPolicy = () => bytesUpload('netpol.yaml', netpol('api', 'TCPX'));

  test('every file fails: no snapshot, no job, no row', async () => {
    const before = await importRowCounts();
    const r = await importIntoNewSnapshot({ name: 'all failed', cluster: 'test', environment: 'test' }, [notes(), badPolicy(), bytesUpload('empty.log', '')]);
    expect(r).toMatchObject({ snapshot: null, created: false });
    expect(r.results.map((x) => [x.fileName, x.status, x.jobId, x.diagnostics[0]?.code])).toEqual([
      ['notes.txt', 'failed', null, 'unknown-format'],
      ['netpol.yaml', 'failed', null, 'invalid-policy'],
      ['empty.log', 'failed', null, 'empty-file'],
    ]);
    expect(await importRowCounts()).toEqual(before);
  });

  test('a file that imports creates it; the failures before it are in the results only, those after it are recorded', async () => {
    const r = await importIntoNewSnapshot({ name: 'some failed', cluster: 'test', environment: 'prod' }, [bytesUpload('flows.txt', 'not a log\n'), badPolicy(), fileUpload(CLUSTER_STATE)]);
    expect(r.snapshot).toMatchObject({ name: 'some failed', cluster: 'test', environment: 'prod' });
    expect(r.created).toBe(true);
    // Manifests go first: the bad policy fails before the snapshot exists, the unknown file after.
    expect(r.results.map((x) => [x.status, x.jobId === null])).toEqual([
      ['failed', false],
      ['failed', true],
      ['succeeded', false],
    ]);
    expect(await getPrisma().importJob.findMany({ where: { snapshotId: r.snapshot!.id }, select: { fileName: true, status: true }, orderBy: { id: 'asc' } })).toEqual([
      { fileName: CLUSTER_STATE, status: 'succeeded' },
      { fileName: 'flows.txt', status: 'failed' },
    ]);
  });

  test('a name the cluster already has is a conflict before anything is read, unless told to use it', async () => {
    await createSnapshot({ name: 'taken', cluster: 'test', environment: 'test' });
    const before = await importRowCounts();
    let opened = false;
    const lazy = { fileName: 'x.yaml', content: () => ((opened = true), NETWORK_POLICIES) };
    await expect(importIntoNewSnapshot({ name: 'taken', cluster: 'test', environment: 'test' }, [lazy])).rejects.toMatchObject({ code: 'conflict', message: 'A snapshot named "taken" already exists for cluster "test"' });
    expect(opened).toBe(false);
    expect(await importRowCounts()).toEqual(before);
    const used = await importIntoNewSnapshot({ name: 'taken', cluster: 'test', environment: 'test', ifExists: 'use' }, [fileUpload(NETWORK_POLICIES)]);
    expect(used).toMatchObject({ created: false, snapshot: { name: 'taken' }, results: [{ status: 'succeeded' }] });
    expect(await getPrisma().snapshot.count({ where: { name: 'taken' } })).toBe(1);
  });

  test('two imports creating the same snapshot at once: one creates it, the other imports into it', async () => {
    const spec = { name: 'raced', cluster: 'test', environment: 'test', ifExists: 'use' as const };
    const [a, b] = await Promise.all([importIntoNewSnapshot(spec, [fileUpload(NETWORK_POLICIES)]), importIntoNewSnapshot(spec, [fileUpload(CLUSTER_STATE)])]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.snapshot!.id).toBe(b.snapshot!.id);
    expect(await getPrisma().importJob.count({ where: { snapshotId: a.snapshot!.id, status: 'succeeded' } })).toBe(2);
  });
});
