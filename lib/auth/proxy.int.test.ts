import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { proxy } from '@/proxy';
import { POST as createSnapshotRoute } from '@/app/api/snapshots/route';
import { createUser, listAuditLog, listUsers } from '@/lib/db';
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

const req = (method: string, path: string, cookie?: string, headers: Record<string, string> = {}, body?: string) =>
  new NextRequest(`http://eastwest.example${path}`, { method, body, headers: { host: 'eastwest.example', 'content-length': '0', ...(cookie ? { cookie } : {}), ...headers } });

/** The request a route handler receives after NextResponse.next({ request: { headers } }): the proxy's header rewrite applied. */
function asForwarded(gate: Response, incoming: Request, body: string): Request {
  const overridden = gate.headers.get('x-middleware-override-headers')?.split(',') ?? [];
  const headers = new Headers();
  for (const name of overridden) {
    const value = gate.headers.get(`x-middleware-request-${name}`);
    if (value !== null) headers.set(name, value);
  }
  return new Request(incoming.url, { method: incoming.method, headers, body });
}

describe('proxy.ts against PostgreSQL', () => {
  test('a session from the database lets an editor create a draft; the proxy leaves the audit entry to the route', async () => {
    const before = await listAuditLog();
    const res = await proxy(req('POST', '/api/snapshots/00000000-0000-4000-8000-000000000001/drafts?via=test', editorCookie));
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.get('x-middleware-request-x-eastwest-user')).toBe('eddie');
    expect(await listAuditLog()).toEqual(before);
  });

  test.each([
    { why: 'a created snapshot', body: { name: 'audited', cluster: 'c', environment: 'prod' }, status: 201, outcome: 'completed' },
    { why: 'an invalid body', body: { name: 'audited' }, status: 400, outcome: 'failed' },
  ])('a POST through the proxy and a handle()d route is audited once, with the user and the final status: $why', async ({ body, status, outcome }) => {
    const before = (await listAuditLog({ limit: 1000 })).length;
    const text = JSON.stringify(body);
    const incoming = req('POST', '/api/snapshots?via=test', editorCookie, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }, text);
    const gate = await proxy(incoming);
    expect(gate.headers.get('x-middleware-next')).toBe('1');
    const res = await createSnapshotRoute(asForwarded(gate, incoming, text));
    expect(res.status).toBe(status);
    const entries = await listAuditLog({ limit: 1000 });
    expect(entries).toHaveLength(before + 1);
    const user = (await listUsers()).find((u) => u.username === 'eddie');
    expect(entries[0]).toMatchObject({ actor: 'eddie', userId: user?.id, action: 'http.post', targetType: 'path', targetId: '/api/snapshots', details: { query: '?via=test', status, outcome } });
    expect(JSON.stringify(entries[0]?.details)).not.toContain('audited');
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
