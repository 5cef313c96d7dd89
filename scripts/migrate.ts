/**
 * `tsx scripts/migrate.ts`: applies pending migrations of prisma/migrations/ to DATABASE_URL
 * (or to the embedded server when DATABASE_URL is unset). Works offline (lib/db/migrate).
 */
import { applyMigrations } from '@/lib/db/migrate';
import { resolveDatabase } from '@/lib/db/resolve-database';
import { runMain } from './run-main';

await runMain(async () => {
  const db = await resolveDatabase();
  try {
    const applied = await applyMigrations(db.url);
    console.log(applied.length ? `Applied ${applied.length} migration(s) to ${db.description}: ${applied.join(', ')}` : `${db.description}: no pending migrations`);
  } finally {
    await db.stop();
  }
});
