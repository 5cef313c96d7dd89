import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importResponseSchema } from '@/components/import/import-result';
import { apiErrorSchema } from '@/lib/api/errors';
import { hashPassword } from '@/lib/auth/password';
import { signInWithPassword } from '@/lib/auth/signin';
import { createSnapshot, createUser, listAuditLog, listUsers, loadSnapshotContent } from '@/lib/db';
import { withPgClient } from '@/lib/db/connection';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { setupTestDatabase } from '@/lib/db/test-support/setup-test-database';
import { POST } from './route';

/**
 * The upload route is outside proxy.ts's matcher (so Next does not copy its body into memory): these
 * tests call it directly, as Next does, with sign-in on and sessions in PostgreSQL, and check that it
 * enforces what the proxy enforces for every other route, and that its body streams into the importer.
 */
const db = setupTestDatabase();
const saved = { auth: process.env.EASTWEST_AUTH, uploads: process.env.EASTWEST_UPLOADS_PER_MINUTE, max: process.env.EASTWEST_MAX_REQUEST_BYTES };
// Read when the route's rate limiter is first used, i.e. by the first request below.
process.env.EASTWEST_UPLOADS_PER_MINUTE = '3';

const cookies: Record<string, string> = {};
let snapshotId = '';
const hubble = readFileSync(path.join(BOUTIQUE_DIR, 'hubble/hubble-observe.jsonl'));
const cluster = readFileSync(path.join(BOUTIQUE_DIR, 'kubernetes/cluster-state.json'));

beforeAll(async () => {
  process.env.EASTWEST_AUTH = '1';
  for (const [username, role] of [['eddie', 'editor'], ['vera', 'viewer'], ['rita', 'editor']] as const) {
    await createUser({ username, role, passwordHash: await hashPassword(`${username} password 1`) });
    const r = await signInWithPassword(username, `${username} password 1`);
    if (r.kind !== 'ok') throw new Error('sign-in failed');
    cookies[username] = `eastwest_session=${r.token}`;
  }
  snapshotId = (await createSnapshot({ name: 'guarded import', cluster: 'boutique-prod', environment: 'prod' })).id;
});
afterAll(() => {
  for (const [key, value] of [['EASTWEST_AUTH', saved.auth], ['EASTWEST_UPLOADS_PER_MINUTE', saved.uploads], ['EASTWEST_MAX_REQUEST_BYTES', saved.max]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** A body that yields `chunks` only when read (highWaterMark 0), counting the reads. */
function countedBody(chunks: Uint8Array[], onPull?: (index: number) => Promise<void>) {
  const state = { pulls: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const index = state.pulls++;
        await onPull?.(index);
        if (index < chunks.length) controller.enqueue(chunks[index]!);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

function upload(opts: { cookie?: string; headers?: Record<string, string>; body: ReadableStream<Uint8Array> | Uint8Array; length: number; fileName?: string }): Request {
  const url = `http://eastwest.example/api/snapshots/${snapshotId}/imports?fileName=${opts.fileName ?? 'flows.jsonl'}`;
  const headers = { host: 'eastwest.example', 'content-length': String(opts.length), ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers };
  return new Request(url, { method: 'POST', body: opts.body, headers, duplex: 'half' } as RequestInit);
}

const send = (request: Request) => POST(request, { params: Promise.resolve({ id: snapshotId }) });
const lastAudit = async () => (await listAuditLog({ limit: 1 }))[0];
const edgeCount = async () => (await loadSnapshotContent(snapshotId)).edges.length;

describe('POST /api/snapshots/:id/imports with sign-in on, outside the proxy', () => {
  test.each([
    { who: 'nobody signed in', cookie: undefined, headers: {}, status: 401, actor: 'anonymous' },
    { who: 'a forged session cookie', cookie: 'eastwest_session=forged', headers: {}, status: 401, actor: 'anonymous' },
    { who: 'forged identity headers and no session', cookie: undefined, headers: { 'x-eastwest-user': 'mallory', 'x-eastwest-role': 'admin' }, status: 401, actor: 'anonymous' },
    { who: 'a viewer', cookie: 'vera', headers: {}, status: 403, actor: 'vera' },
    { who: 'a viewer claiming the admin role in a header', cookie: 'vera', headers: { 'x-eastwest-role': 'admin', 'x-eastwest-user': 'ada' }, status: 403, actor: 'vera' },
    // CSRF is checked first, before the session is looked up (as in the proxy): the refusal names nobody.
    { who: 'an editor, cross-site (Sec-Fetch-Site)', cookie: 'eddie', headers: { 'sec-fetch-site': 'cross-site' }, status: 403, actor: 'anonymous' },
    { who: 'an editor, from another Origin', cookie: 'eddie', headers: { origin: 'https://evil.example' }, status: 403, actor: 'anonymous' },
  ] as { who: string; cookie: string | undefined; headers: Record<string, string>; status: number; actor: string }[])('$who: $status, the body is never read, and the refusal is audited', async ({ cookie, headers, status, actor }) => {
    const before = await edgeCount();
    const { stream, state } = countedBody([hubble]);
    const res = await send(upload({ cookie: cookie && cookies[cookie] ? cookies[cookie] : cookie, headers, body: stream, length: hubble.length }));
    expect(res.status).toBe(status);
    expect(apiErrorSchema.parse(await res.json()).error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(state.pulls).toBe(0);
    expect(await edgeCount()).toBe(before);
    expect(await lastAudit()).toMatchObject({ actor, action: 'http.post', targetId: `/api/snapshots/${snapshotId}/imports`, details: { outcome: 'refused', status } });
  });

  test('a body over EASTWEST_MAX_REQUEST_BYTES is refused with 413 before it is read', async () => {
    process.env.EASTWEST_MAX_REQUEST_BYTES = '64kb';
    try {
      const { stream, state } = countedBody([hubble]);
      const res = await send(upload({ cookie: cookies.eddie, body: stream, length: hubble.length }));
      expect(res.status).toBe(413);
      expect(apiErrorSchema.parse(await res.json()).error).toEqual({ code: 'payload-too-large', message: 'request body of 96.6 KiB exceeds the limit of 64.0 KiB (EASTWEST_MAX_REQUEST_BYTES)' });
      expect(state.pulls).toBe(0);
      expect(await lastAudit()).toMatchObject({ actor: 'eddie', details: { outcome: 'refused', status: 413 } });
    } finally {
      delete process.env.EASTWEST_MAX_REQUEST_BYTES;
    }
  });

  test('an editor imports; the audit entry names them, with the final status', async () => {
    const res = await send(upload({ cookie: cookies.eddie, body: cluster, length: cluster.length, fileName: 'cluster-state.json' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(importResponseSchema.parse(await res.json()).results[0]).toMatchObject({ status: 'succeeded', format: 'kubernetes' });
    const eddie = (await listUsers()).find((u) => u.username === 'eddie');
    expect(await lastAudit()).toMatchObject({ actor: 'eddie', userId: eddie?.id, details: { outcome: 'completed', status: 200 } });
  });

  test('the body streams: the import transaction holds the snapshot while the request body is still arriving', async () => {
    // ~400 KiB of Hubble flows in 16 KiB pieces, far past the 64 KiB the importer sniffs before it starts.
    const whole = Buffer.concat(Array.from({ length: 4 }, () => hubble));
    const pieces = Array.from({ length: Math.ceil(whole.length / 16384) }, (_, i) => whole.subarray(i * 16384, (i + 1) * 16384));
    const lockedAt: number[] = [];
    const { stream, state } = countedBody(pieces, async (index) => {
      if (index !== pieces.length - 2) return;
      // Another connection tries the snapshot's row lock: taken only by an import transaction that is reading.
      const locked = await withPgClient(db.url, async (c) => {
        await c.query('BEGIN');
        try {
          await c.query('SELECT id FROM "Snapshot" WHERE id = $1::uuid FOR UPDATE NOWAIT', [snapshotId]);
          return false;
        } catch (e) {
          if ((e as { code?: string }).code === '55P03') return true; // lock_not_available
          throw e;
        } finally {
          await c.query('ROLLBACK');
        }
      });
      if (locked) lockedAt.push(index);
    });
    const res = await send(upload({ cookie: cookies.eddie, body: stream, length: whole.length, fileName: 'hubble-x4.jsonl' }));
    expect(res.status).toBe(200);
    const { results } = importResponseSchema.parse(await res.json());
    expect(results[0]).toMatchObject({ status: 'succeeded', format: 'hubble' });
    expect(results[0]!.counts.read).toBe(4 * hubble.toString().trim().split('\n').length);
    expect(state.pulls).toBe(pieces.length + 1);
    expect(lockedAt).toEqual([pieces.length - 2]);
  });

  test('uploads are rate-limited per user (EASTWEST_UPLOADS_PER_MINUTE) with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await send(upload({ cookie: cookies.rita, body: new TextEncoder().encode('not traffic\n'), length: 12, fileName: `n${i}.txt` }));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await lastAudit()).toMatchObject({ actor: 'rita', details: { outcome: 'refused', status: 429 } });
  });
});
