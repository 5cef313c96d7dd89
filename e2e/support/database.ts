import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkConnection, withPgClient } from '@/lib/db/connection';
import { describeDatabaseUrl, withDatabase } from '@/lib/db/database-url';
import { startEmbeddedPostgres } from '@/lib/db/embedded';
import { applyMigrations } from '@/lib/db/migrate';

/** E2E_DB_NAME lets two people run the browser tests on one server at the same time. */
export const E2E_DATABASE = process.env.E2E_DB_NAME?.trim() || 'eastwest_e2e';

export interface E2eDatabase {
  url: string;
  /** Where it lives, without the password, for the log. */
  description: string;
  stop(): Promise<void>;
}

const LOCAL_ADMIN_URLS = ['postgresql://postgres@127.0.0.1:5432/postgres', 'postgresql://root@127.0.0.1:5432/postgres'];

/**
 * A fresh, migrated database for the browser tests, on the first server that works:
 *   1. DATABASE_URL's server (the role must be allowed to CREATE DATABASE),
 *   2. the local server at 127.0.0.1:5432 (trust auth, as on the dev machines and CI),
 *   3. an embedded PostgreSQL in a temporary folder, deleted by `stop()`.
 * On a shared server the database `eastwest_e2e` is dropped first, so every run starts clean.
 */
export async function prepareE2eDatabase(env: NodeJS.ProcessEnv = process.env): Promise<E2eDatabase> {
  const configured = env.DATABASE_URL?.trim();
  const admin = configured ? await firstReachable([withDatabase(configured, 'postgres'), configured]) : await firstReachable(LOCAL_ADMIN_URLS);
  if (configured && !admin) {
    await checkConnection(configured); // throws the one-line reason
  }
  if (admin) {
    const url = withDatabase(admin, E2E_DATABASE);
    await withPgClient(admin, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(E2E_DATABASE)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(E2E_DATABASE)}`);
    });
    await applyMigrations(url);
    return {
      url,
      description: describeDatabaseUrl(url),
      stop: () => withPgClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(E2E_DATABASE)} WITH (FORCE)`)).then(() => undefined),
    };
  }
  const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'eastwest-e2e-pg-')), 'data');
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true, database: E2E_DATABASE });
  await applyMigrations(server.url);
  return { url: server.url, description: `${describeDatabaseUrl(server.url)} (embedded)`, stop: server.stop };
}

async function firstReachable(urls: string[]): Promise<string | undefined> {
  for (const url of urls) {
    try {
      await checkConnection(url);
      return url;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}
