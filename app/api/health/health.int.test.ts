import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { healthSchema } from '@/lib/api';
import { disconnectPrisma } from '@/lib/db';
import { listMigrationNames, defaultMigrationPaths } from '@/lib/db/migrate';
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-support/create-test-database';
import { GET } from './route';

async function health(databaseUrl: string | undefined) {
  if (databaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = databaseUrl;
  const res = await GET();
  return { status: res.status, body: healthSchema.parse(await res.json()) };
}

describe('GET /api/health', () => {
  let migrated: TestDatabase;
  let empty: TestDatabase;
  const previous = process.env.DATABASE_URL;
  beforeAll(async () => {
    migrated = await createTestDatabase();
    empty = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await disconnectPrisma();
    process.env.DATABASE_URL = previous;
    if (previous === undefined) delete process.env.DATABASE_URL;
    await Promise.all([migrated.drop(), empty.drop()]);
  });

  test('a migrated database is healthy, with every migration applied', async () => {
    const { status, body } = await health(migrated.url);
    expect(status).toBe(200);
    expect(body.database.reachable).toBe(true);
    expect(body.migrations).toEqual({ applied: await listMigrationNames(defaultMigrationPaths().migrationsDir), pending: [], failed: [] });
  });

  test('an unmigrated database is reachable with every migration pending (503)', async () => {
    const { status, body } = await health(empty.url);
    expect(status).toBe(503);
    expect(body.database.reachable).toBe(true);
    expect(body.migrations.pending.length).toBeGreaterThan(0);
  });

  test.each([
    { why: 'unset', url: undefined, error: /DATABASE_URL is not set/ },
    { why: 'a server that is down', url: 'postgresql://postgres@127.0.0.1:1/eastwest', error: /Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/eastwest/ },
    { why: 'not a PostgreSQL URL', url: 'mysql://x@y/z', error: /postgresql:\/\// },
  ])('DATABASE_URL $why: unreachable with a one-line error (503)', async ({ url, error }) => {
    const { status, body } = await health(url);
    expect(status).toBe(503);
    expect(body.database.reachable).toBe(false);
    expect(body.database.error).toMatch(error);
    expect(body.database.error).not.toContain('\n');
  });
});
