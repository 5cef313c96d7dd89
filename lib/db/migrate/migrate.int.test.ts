import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withPgClient } from '../connection';
import { createTestDatabase, type TestDatabase } from '../test-support/create-test-database';
import { applyMigrations, createMigration, defaultMigrationPaths, listMigrationNames, type MigrationPaths } from './index';

const paths = defaultMigrationPaths();

async function tableNames(url: string): Promise<string[]> {
  return withPgClient(url, async (c) => (await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.t));
}

/** Every `model X {` of the schema must exist as a table: the migrations cover the whole schema. */
async function modelNames(schemaPath: string): Promise<string[]> {
  const schema = await readFile(schemaPath, 'utf8');
  return [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!).sort();
}

describe('applyMigrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  test('a fresh database gets every migration and the full schema', async () => {
    const applied = await applyMigrations(db.url, paths);
    expect(applied).toEqual(await listMigrationNames(paths.migrationsDir));
    expect(applied.length).toBeGreaterThan(0);
    const tables = await tableNames(db.url);
    expect(tables).toEqual(expect.arrayContaining([...(await modelNames(paths.schemaPath)), '_prisma_migrations']));
  });

  test('applying again is a no-op', async () => {
    const before = await withPgClient(db.url, (c) => c.query('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY 1'));
    expect(await applyMigrations(db.url, paths)).toEqual([]);
    const after = await withPgClient(db.url, (c) => c.query('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY 1'));
    expect(after.rows).toEqual(before.rows);
  });
});

describe('createMigration', () => {
  let db: TestDatabase;
  let copy: MigrationPaths;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eastwest-migrations-'));
    await cp(path.dirname(paths.schemaPath), path.join(dir, 'prisma'), { recursive: true });
    copy = { schemaPath: path.join(dir, 'prisma', 'schema.prisma'), migrationsDir: path.join(dir, 'prisma', 'migrations') };
  });
  afterAll(() => db.drop());

  test('writes nothing when the committed migrations already match the schema', async () => {
    const created = await createMigration('nothing', db.url, copy);
    expect(created.name).toBeNull();
    expect(await listMigrationNames(copy.migrationsDir)).toEqual(await listMigrationNames(paths.migrationsDir));
  });

  test('diffs the migrations folder against a changed schema, and the result applies', async () => {
    await writeFile(copy.schemaPath, `${await readFile(copy.schemaPath, 'utf8')}\nmodel ProbeTable {\n  id Int @id\n  note String\n}\n`);
    const created = await createMigration('add probe', db.url, copy, new Date('2099-01-02T03:04:05Z'));
    expect(created.name).toBe('20990102030405_add_probe');
    expect(created.sql).toContain('CREATE TABLE "ProbeTable"');
    expect(created.sql).not.toContain('CREATE TABLE "Snapshot"');
    const applied = await applyMigrations(db.url, copy);
    expect(applied.at(-1)).toBe('20990102030405_add_probe');
    expect(await tableNames(db.url)).toContain('ProbeTable');
  });
});
