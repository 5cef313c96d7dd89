/**
 * A throwaway database for one benchmark on the local PostgreSQL server (the same one the integration tests use),
 * migrated; `drop()` removes it. EASTWEST_TEST_ADMIN_URL overrides the server.
 */
import { withPgClient } from '../lib/db/connection';
import { withDatabase } from '../lib/db/database-url';
import { applyMigrations } from '../lib/db/migrate';

const ADMIN_URLS = [process.env.EASTWEST_TEST_ADMIN_URL, 'postgresql://postgres@127.0.0.1:5432/postgres', 'postgresql://root@127.0.0.1:5432/postgres'].filter((u): u is string => !!u);

export async function benchAdminUrl(): Promise<string> {
  for (const url of ADMIN_URLS) {
    const ok = await withPgClient(url, (c) => c.query('SELECT 1')).then(
      () => true,
      () => false,
    );
    if (ok) return url;
  }
  throw new Error(`no PostgreSQL server to create the bench database on (tried ${ADMIN_URLS.length} URLs; set EASTWEST_TEST_ADMIN_URL)`);
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates (or recreates) database `name` and applies the migrations. */
export async function createBenchDatabase(name: string): Promise<BenchDatabase> {
  const admin = await benchAdminUrl();
  await withPgClient(admin, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(admin, name);
  await applyMigrations(url);
  return { url, drop: () => withPgClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}
