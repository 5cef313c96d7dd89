import os from 'node:os';
import path from 'node:path';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { checkConnection } from '../connection';
import { withDatabase } from '../database-url';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../embedded';

/**
 * Vitest global setup of the `integration` project: finds a PostgreSQL server where each test
 * file can create and drop its own database, in this order:
 *   1. DATABASE_URL (its server; the role must be allowed to CREATE DATABASE),
 *   2. the local server at 127.0.0.1:5432 (trust auth, as on the dev machines and CI),
 *   3. an embedded server in a temporary folder, removed afterwards.
 * The admin URL reaches test files through `inject('adminDatabaseUrl')` and EASTWEST_TEST_ADMIN_URL.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

let embedded: EmbeddedDatabase | undefined;
let tempDir: string | undefined;

const LOCAL_CANDIDATES = ['postgresql://postgres@127.0.0.1:5432/postgres', 'postgresql://root@127.0.0.1:5432/postgres'];

async function firstReachable(urls: string[]): Promise<string | undefined> {
  for (const url of urls) {
    try {
      await checkConnection(url);
      return url;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

export async function setup(project: TestProject): Promise<void> {
  const fromEnv = process.env.DATABASE_URL?.trim();
  // EASTWEST_TEST_DB=embedded skips 1 and 2 (to check the fallback on a machine that has a server).
  const forceEmbedded = process.env.EASTWEST_TEST_DB === 'embedded';
  let adminUrl = forceEmbedded ? undefined : fromEnv ? await firstReachable([withDatabase(fromEnv, 'postgres'), fromEnv]) : await firstReachable(LOCAL_CANDIDATES);
  if (fromEnv && !forceEmbedded && !adminUrl) throw new Error(`Integration tests: cannot connect to DATABASE_URL's server`);
  if (!adminUrl) {
    const dir = (tempDir = await mkdtemp(path.join(os.tmpdir(), 'eastwest-test-pg-')));
    // mkdtemp makes a 0700 folder; as root the server runs as the `postgres` user, which must enter it.
    await chmod(dir, 0o755);
    const dataDir = path.join(dir, 'data');
    embedded = await startEmbeddedPostgres({ dataDir, ephemeral: true, database: 'postgres' });
    adminUrl = embedded.url;
  }
  process.env.EASTWEST_TEST_ADMIN_URL = adminUrl;
  project.provide('adminDatabaseUrl', adminUrl);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}
