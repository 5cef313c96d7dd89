import { afterAll, beforeAll } from 'vitest';
import { disconnectPrisma } from '../client';
import { createTestDatabase, type TestDatabase } from './create-test-database';

/**
 * For test files that call lib/db functions (which read DATABASE_URL): creates a migrated
 * database before the file's tests, points DATABASE_URL at it, and drops it afterwards.
 */
export function setupTestDatabase(): { readonly url: string } {
  let db: TestDatabase | undefined;
  const previous = process.env.DATABASE_URL;
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
  });
  afterAll(async () => {
    await disconnectPrisma();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    await db?.drop();
  });
  return {
    get url() {
      if (!db) throw new Error('setupTestDatabase: the database is created in beforeAll');
      return db.url;
    },
  };
}
