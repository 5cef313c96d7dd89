import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { importResponseSchema } from '@/components/import/import-result';
import { createSnapshot, loadSnapshotContent } from '@/lib/db';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { setupTestDatabase } from '@/lib/db/test-support/setup-test-database';
import { POST } from './route';

/** `?envoyFormat=` of the import API (what the import page's "Custom Envoy / Istio log format" field sends). */
setupTestDatabase();
let snapshotId: string;

const sample = (rel: string) => readFileSync(path.join(BOUTIQUE_DIR, rel));
const LOG = 'istio/istio-proxy-access-custom-peer-identity.log';
const TEXT_FORMAT = /text: \|\n\s+(.+)\n/.exec(sample('istio/meshconfig-text-with-peers.yaml').toString('utf8'))?.[1] ?? '';

async function post(rel: string, envoyFormat?: string) {
  const query = new URLSearchParams({ fileName: rel, ...(envoyFormat !== undefined ? { envoyFormat } : {}) });
  const request = new Request(`http://localhost/api/snapshots/${snapshotId}/imports?${query.toString()}`, { method: 'POST', body: sample(rel), headers: { 'content-type': 'application/octet-stream' } });
  const res = await POST(request, { params: Promise.resolve({ id: snapshotId }) });
  return { status: res.status, body: (await res.json()) as unknown };
}

beforeAll(async () => {
  snapshotId = (await createSnapshot({ name: 'envoy format', cluster: 'boutique-prod', environment: 'prod' })).id;
  expect((await post('kubernetes/cluster-state.json')).status).toBe(200);
});

describe('POST /api/snapshots/:id/imports?envoyFormat=', () => {
  test('a custom text format reads the log: every line imported, callers resolved by SPIFFE identity', async () => {
    expect(TEXT_FORMAT).toMatch(/%DOWNSTREAM_PEER_URI_SAN%/);
    const { status, body } = await post(LOG, TEXT_FORMAT);
    expect(status).toBe(200);
    const [result] = importResponseSchema.parse(body).results;
    expect(result).toMatchObject({ status: 'succeeded', format: 'envoy-text' });
    expect(result!.counts.skipped?.['invalid-record']).toBeUndefined();
    const { edges } = await loadSnapshotContent(snapshotId);
    expect(edges.some((e) => e.source === 'boutique/loadgenerator' && e.destination === 'boutique/frontend' && e.port === 8080)).toBe(true);
  });

  test('operators it does not know come back as diagnostics of the file, naming the format', async () => {
    const { body } = await post('istio/istio-proxy-access-default.log', `${TEXT_FORMAT} %NOT_AN_OPERATOR%`);
    const [result] = importResponseSchema.parse(body).results;
    expect(result!.diagnostics.filter((d) => d.code === 'envoy-format-operator-ignored').map((d) => [d.file, d.line, d.message])).toEqual([
      ['envoyFormat', 1, '%NOT_AN_OPERATOR% is not an Envoy command operator: ignored'],
    ]);
  });

  test('a format it cannot use is a 400 naming the problem, before the upload is read', async () => {
    const { status, body } = await post(LOG, 'no operators here');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('no command operator Eastwest reads');
  });
});
