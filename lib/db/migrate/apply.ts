import { readFile } from 'node:fs/promises';
import { defaultMigrationPaths, readMigrationList, type MigrationPaths } from './migrations-dir';
import { EMPTY_FILTERS, withSchemaEngine } from './schema-engine';

/**
 * Applies the pending migrations of `prisma/migrations/` and records them in `_prisma_migrations`,
 * exactly like `prisma migrate deploy` (the same folder also works with the native CLI).
 * Idempotent: a second call applies nothing. Returns the names it applied.
 */
export async function applyMigrations(databaseUrl: string, paths: MigrationPaths = defaultMigrationPaths()): Promise<string[]> {
  const schema = { path: paths.schemaPath, content: await readFile(paths.schemaPath, 'utf8') };
  const migrationsList = await readMigrationList(paths.migrationsDir);
  return withSchemaEngine(databaseUrl, schema, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: EMPTY_FILTERS });
    return out.appliedMigrationNames;
  });
}
