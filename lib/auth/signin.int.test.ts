import { describe, expect, test } from 'vitest';
import { createUser, getSessionUser, listAuditLog, updateUser } from '@/lib/db';
import { setupTestDatabase } from '@/lib/db/test-support/setup-test-database';
import { signInWithOidc } from './oidc-signin';
import { hashPassword, verifyPassword } from './password';
import { hashSessionToken } from './session-token';
import { signInWithPassword, signOut } from './signin';

setupTestDatabase();

const alice = { username: 'alice', password: 'correct horse battery staple', role: 'editor' as const };

describe('password sign-in against PostgreSQL', () => {
  test('stores an argon2id hash, never the password', async () => {
    const hash = await hashPassword(alice.password);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(alice.password);
    expect(await verifyPassword(hash, alice.password)).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword(null, alice.password)).toBe(false);
  });

  test('opens a session whose token (only its hash is stored) identifies the user, until sign-out', async () => {
    await createUser({ username: alice.username, role: alice.role, passwordHash: await hashPassword(alice.password) });
    const result = await signInWithPassword(alice.username, alice.password);
    if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}`);
    expect(await getSessionUser(hashSessionToken(result.token))).toMatchObject({ username: 'alice', role: 'editor' });
    await signOut(result.token, 'alice');
    expect(await getSessionUser(hashSessionToken(result.token))).toBeNull();
    const actions = (await listAuditLog()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['signin', 'signout']));
    expect(JSON.stringify(await listAuditLog())).not.toContain(alice.password);
  });

  test.each([
    ['alice', 'wrong password'],
    ['nobody', 'whatever password'],
  ])('refuses %s with a wrong password and audits the failure', async (username, password) => {
    expect((await signInWithPassword(username, password)).kind).toBe('invalid');
    expect((await listAuditLog({ limit: 1 }))[0]).toMatchObject({ actor: username, action: 'signin.failed' });
  });

  test('a disabled user cannot sign in, and their sessions end', async () => {
    await createUser({ username: 'bob', role: 'viewer', passwordHash: await hashPassword('bob password 123') });
    const before = await signInWithPassword('bob', 'bob password 123');
    if (before.kind !== 'ok') throw new Error('sign-in failed');
    await updateUser(before.user.id, { disabled: true });
    expect(await getSessionUser(hashSessionToken(before.token))).toBeNull();
    expect((await signInWithPassword('bob', 'bob password 123')).kind).toBe('invalid');
  });

  test('rate-limits guessing per username', async () => {
    const results = [];
    for (let i = 0; i < 12; i++) results.push((await signInWithPassword('carol', `guess ${i}`, 1_000_000)).kind);
    expect(results.slice(0, 10).every((k) => k === 'invalid')).toBe(true);
    expect(results.slice(10)).toEqual(['rate-limited', 'rate-limited']);
  });

  test('an expired session is no session', async () => {
    const result = await signInWithPassword(alice.username, alice.password);
    if (result.kind !== 'ok') throw new Error('sign-in failed');
    expect(await getSessionUser(hashSessionToken(result.token), new Date(result.expiresAt.getTime() + 1))).toBeNull();
  });

  test('an OIDC identity becomes a user with the default role on first sign-in, the same user afterwards', async () => {
    const identity = { issuer: 'https://id.example', subject: 'sub-1', username: 'grace', email: 'grace@example.com' };
    const first = await signInWithOidc(identity, 'viewer');
    const second = await signInWithOidc({ ...identity, username: 'grace-renamed' }, 'viewer');
    if ('refused' in first || 'refused' in second) throw new Error('refused');
    expect(await getSessionUser(hashSessionToken(first.token))).toMatchObject({ username: 'grace', role: 'viewer' });
    expect((await getSessionUser(hashSessionToken(second.token)))?.id).toBe((await getSessionUser(hashSessionToken(first.token)))?.id);
  });
});
