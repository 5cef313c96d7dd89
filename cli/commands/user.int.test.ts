import { expect, test } from 'vitest';
import { getUserCredentials, listAuditLog } from '../../lib/db';
import { setupTestDatabase } from '../../lib/db/test-support/setup-test-database';
import { addUser } from './user';

setupTestDatabase();

test('adds an admin with an argon2id hash and audits it', async () => {
  await addUser('root-admin', 'admin', 'a long enough password');
  const user = await getUserCredentials('root-admin');
  expect(user).toMatchObject({ role: 'admin', disabled: false });
  expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
  expect((await listAuditLog())[0]).toMatchObject({ actor: 'cli', action: 'user.add', targetId: 'root-admin' });
});

test.each([
  ['short', 'at least 12'],
  ['', 'at least 12'],
])('refuses the password %j', async (password, message) => {
  await expect(addUser('someone', 'viewer', password)).rejects.toThrow(message);
});

test('refuses a second user with the same name', async () => {
  await expect(addUser('root-admin', 'viewer', 'another long password')).rejects.toThrow(/already exists/);
});
