import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultMigrationPaths, LOCKFILE, LOCKFILE_CONTENT, readMigrationList, type MigrationPaths } from './migrations-dir';
import { EMPTY_FILTERS, withSchemaEngine } from './schema-engine';

export interface CreatedMigration {
  /** `<timestamp>_<name>`, or null when the schema already matches the migrations. */
  name: string | null;
  sql: string;
}

/** Prisma's folder name: UTC `YYYYMMDDHHMMSS_<name>`. */
export function migrationFolderName(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const slug = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'migration';
  return `${stamp}_${slug}`;
}

/**
 * Writes a new migration that takes the database from the state of `prisma/migrations/` to
 * `prisma/schema.prisma` (what `prisma migrate dev --create-only` does). The first migration is
 * diffed from an empty database; later ones replay the folder into a shadow database, which the
 * engine creates and drops through `databaseUrl` (the server must allow CREATE DATABASE).
 */
export async function createMigration(name: string, databaseUrl: string, paths: MigrationPaths = defaultMigrationPaths(), now = new Date()): Promise<CreatedMigration> {
  const content = await readFile(paths.schemaPath, 'utf8');
  const schema = { path: paths.schemaPath, content };
  const migrationsList = await readMigrationList(paths.migrationsDir);
  const from = migrationsList.migrationDirectories.length === 0 ? { tag: 'empty' as const } : { tag: 'migrations' as const, ...migrationsList };
  const sql = await withSchemaEngine(databaseUrl, schema, async (engine) => {
    const out = await engine.diff({ from, to: { tag: 'schemaDatamodel', files: [schema] }, script: true, exitCode: null, filters: EMPTY_FILTERS });
    return out.stdout ?? '';
  });
  if (isEmptyMigration(sql)) return { name: null, sql };
  const folder = migrationFolderName(name, now);
  await mkdir(path.join(paths.migrationsDir, folder), { recursive: true });
  await writeFile(path.join(paths.migrationsDir, folder, 'migration.sql'), sql);
  await writeFile(path.join(paths.migrationsDir, LOCKFILE), LOCKFILE_CONTENT);
  return { name: folder, sql };
}

/** The engine answers an empty diff with a comment only. */
function isEmptyMigration(sql: string): boolean {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}
