import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection URL from here, not from schema.prisma.
// `prisma generate` needs no database, so an unset DATABASE_URL is fine there.
// Migrations do not go through the Prisma CLI (its native engine cannot be downloaded
// offline): see lib/db/migrate/ and scripts/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/eastwest' },
});
