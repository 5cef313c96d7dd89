import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { withPgClient } from '../connection';
import { withDatabase } from '../database-url';
import { applyMigrations } from '../migrate';

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.EASTWEST_TEST_ADMIN_URL ?? inject('adminDatabaseUrl');
  if (!url) throw new Error('No admin database URL: run integration tests with `vitest --project integration`');
  return url;
}

/**
 * A fresh database for one test file on the server chosen by global-setup.ts, migrated unless
 * `{ migrate: false }`. Call `drop()` in afterAll.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = adminUrl();
  const name = `eastwest_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withPgClient(admin, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(admin, name);
  if (options.migrate !== false) await applyMigrations(url);
  return {
    url,
    name,
    drop: () => withPgClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
