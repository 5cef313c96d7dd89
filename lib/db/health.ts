import path from 'node:path';
import { withPgClient } from './connection';
import { describeDatabaseUrl, getDatabaseUrl } from './database-url';
import { listMigrationNames } from './migrate/migrations-dir';

export interface Health {
  ok: boolean;
  database: { reachable: boolean; target: string | null; error?: string };
  migrations: { applied: string[]; pending: string[]; failed: string[] };
}

/**
 * Database reachability and migration state, for GET /api/health. Reads `_prisma_migrations`
 * directly (no schema engine in the web server). Never throws: problems are reported in the result.
 */
export async function getHealth(migrationsDir = path.join(process.cwd(), 'prisma', 'migrations')): Promise<Health> {
  const expected = await listMigrationNames(migrationsDir);
  let url: string;
  try {
    url = getDatabaseUrl();
  } catch (error) {
    return unhealthy(null, error, expected);
  }
  try {
    const rows = await withPgClient(url, async (client) => {
      const table = await client.query(`SELECT to_regclass('public._prisma_migrations') AS t`);
      if (table.rows[0]?.t === null) return [];
      const result = await client.query<{ name: string; finished: boolean; rolledBack: boolean }>(
        `SELECT migration_name AS name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS "rolledBack" FROM _prisma_migrations`,
      );
      return result.rows;
    });
    const applied = new Set(rows.filter((r) => r.finished && !r.rolledBack).map((r) => r.name));
    const failed = rows.filter((r) => !r.finished && !r.rolledBack).map((r) => r.name);
    const pending = expected.filter((name) => !applied.has(name));
    return {
      ok: pending.length === 0 && failed.length === 0,
      database: { reachable: true, target: describeDatabaseUrl(url) },
      migrations: { applied: [...applied].sort(), pending, failed },
    };
  } catch (error) {
    return unhealthy(describeDatabaseUrl(url), error, expected);
  }
}

function unhealthy(target: string | null, error: unknown, expected: string[]): Health {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, database: { reachable: false, target, error: message.split('\n')[0] ?? message }, migrations: { applied: [], pending: expected, failed: [] } };
}
