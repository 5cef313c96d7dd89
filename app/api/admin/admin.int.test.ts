import { describe, expect, test } from 'vitest';
import { IDENTITY_HEADERS } from '@/lib/auth/proxy-handler';
import { getUserCredentials, listAuditLog } from '@/lib/db';
import { setupTestDatabase } from '@/lib/db/test-support/setup-test-database';
import { GET as getAudit } from './audit/route';
import { PATCH } from './users/[id]/route';
import { GET as listUsersRoute, POST } from './users/route';

setupTestDatabase();

/** The route handlers as the proxy calls them: identity headers already set (access itself is tested in lib/auth). */
const asAdmin = { [IDENTITY_HEADERS.user]: 'ada', [IDENTITY_HEADERS.role]: 'admin', 'content-type': 'application/json' };
const post = (body: unknown) => POST(new Request('http://e/api/admin/users', { method: 'POST', headers: asAdmin, body: JSON.stringify(body) }));
const patch = (id: string, body: unknown) => PATCH(new Request(`http://e/api/admin/users/${id}`, { method: 'PATCH', headers: asAdmin, body: JSON.stringify(body) }), { params: Promise.resolve({ id }) });

describe('admin API', () => {
  test('creates users with hashed passwords and lists them without hashes', async () => {
    expect((await post({ username: 'root', role: 'admin', password: 'a long admin password' })).status).toBe(201);
    expect((await post({ username: 'vera', role: 'viewer', password: 'a long viewer password' })).status).toBe(201);
    const body = (await (await listUsersRoute()).json()) as { users: Record<string, unknown>[] };
    expect(body.users.map((u) => [u.username, u.role])).toEqual([['root', 'admin'], ['vera', 'viewer']]);
    expect(JSON.stringify(body)).not.toMatch(/argon2|password/i);
    expect((await getUserCredentials('vera'))?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  test.each([
    [{ username: 'x', role: 'viewer', password: 'short' }, 400],
    [{ username: '../etc', role: 'viewer' }, 400],
    [{ username: 'y', role: 'root' }, 400],
    [{ username: 'vera', role: 'viewer' }, 409],
  ])('refuses %o with %i', async (body, status) => {
    expect((await post(body)).status).toBe(status);
  });

  test('changes a role, and refuses to demote or disable the last admin', async () => {
    const vera = (await getUserCredentials('vera'))!;
    const root = (await getUserCredentials('root'))!;
    expect((await patch(vera.id, { role: 'editor' })).status).toBe(200);
    expect((await patch(root.id, { role: 'viewer' })).status).toBe(409);
    expect((await patch(root.id, { disabled: true })).status).toBe(409);
    expect((await getUserCredentials('root'))?.role).toBe('admin');
  });

  test('exports the audit log as CSV and JSON, with the admin as actor', async () => {
    const csv = await (await getAudit(new Request('http://e/api/admin/audit?format=csv'))).text();
    expect(csv.split('\r\n')[0]).toBe('id,at,actor,action,targetType,targetId,userId,details');
    expect(csv).toContain('ada,user.change,user,vera');
    const json = (await (await getAudit(new Request('http://e/api/admin/audit?limit=2'))).json()) as { entries: unknown[] };
    expect(json.entries).toHaveLength(2);
    expect((await listAuditLog()).filter((e) => e.action === 'user.add').map((e) => e.targetId).sort()).toEqual(['root', 'vera']);
  });
});
