import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { proxy } from '@/proxy';
import { createUser, listAuditLog } from '@/lib/db';
import { setupTestDatabase } from '@/lib/db/test-support/setup-test-database';
import { hashPassword } from './password';
import { signInWithPassword } from './signin';

setupTestDatabase();

/** proxy.ts wired to PostgreSQL: sessions looked up in the Session table, decisions written to AuditLog. */
const previous = process.env.EASTWEST_AUTH;
let editorCookie = '';
beforeAll(async () => {
  process.env.EASTWEST_AUTH = '1';
  await createUser({ username: 'eddie', role: 'editor', passwordHash: await hashPassword('eddie password 1') });
  const r = await signInWithPassword('eddie', 'eddie password 1');
  if (r.kind !== 'ok') throw new Error('sign-in failed');
  editorCookie = `eastwest_session=${r.token}`;
});
afterAll(() => {
  if (previous === undefined) delete process.env.EASTWEST_AUTH;
  else process.env.EASTWEST_AUTH = previous;
});

const req = (method: string, path: string, cookie?: string) =>
  new NextRequest(`http://eastwest.example${path}`, { method, headers: { host: 'eastwest.example', 'content-length': '0', ...(cookie ? { cookie } : {}) } });

describe('proxy.ts against PostgreSQL', () => {
  test('a session from the database lets an editor import, and the call is audited with the user', async () => {
    const res = await proxy(req('POST', '/api/snapshots/00000000-0000-4000-8000-000000000001/imports?fileName=flows.jsonl', editorCookie));
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect((await listAuditLog({ limit: 1 }))[0]).toMatchObject({
      actor: 'eddie',
      action: 'http.post',
      targetId: '/api/snapshots/00000000-0000-4000-8000-000000000001/imports',
      details: { outcome: 'forwarded', query: '?fileName=flows.jsonl' },
    });
  });

  test('the same editor may not delete a snapshot; the refusal is audited', async () => {
    const res = await proxy(req('DELETE', '/api/snapshots/00000000-0000-4000-8000-000000000001', editorCookie));
    expect(res.status).toBe(403);
    expect((await listAuditLog({ limit: 1 }))[0]).toMatchObject({ actor: 'eddie', action: 'http.delete', details: { outcome: 'refused', status: 403 } });
  });

  test('a forged cookie is nobody', async () => {
    expect((await proxy(req('GET', '/api/snapshots', 'eastwest_session=forged'))).status).toBe(401);
  });
});
