/**
 * `tsx scripts/create-migration.ts <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * from the difference between the committed migrations and prisma/schema.prisma, like
 * `prisma migrate dev --create-only` but without Prisma's native engine. Needs a server where it
 * may create a temporary shadow database: DATABASE_URL, or the embedded one when unset.
 */
import { createMigration } from '@/lib/db/migrate';
import { resolveDatabase } from '@/lib/db/resolve-database';
import { runMain } from './run-main';

await runMain(async () => {
  const name = process.argv[2];
  if (!name) throw new Error('usage: tsx scripts/create-migration.ts <name>');
  const db = await resolveDatabase();
  try {
    const created = await createMigration(name, db.url);
    console.log(created.name ? `Created prisma/migrations/${created.name}/migration.sql` : 'The schema matches the migrations: nothing to create');
  } finally {
    await db.stop();
  }
});
