import { PrismaPg } from '@prisma/adapter-pg';
import { getDatabaseUrl } from './database-url';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;

// One client per URL for the process. Kept on globalThis so Next's dev-mode module reloading
// does not open a new pool on every change.
const globalClients = globalThis as unknown as { __eastwestPrisma?: Map<string, PrismaClient> };
const clients = (globalClients.__eastwestPrisma ??= new Map());

/** The Prisma client for DATABASE_URL (or `url`). lib/db is the only place that uses it. */
export function getPrisma(url: string = getDatabaseUrl()): PrismaClient {
  let client = clients.get(url);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    clients.set(url, client);
  }
  return client;
}

/** Closes every pool (scripts and tests call it before exiting). */
export async function disconnectPrisma(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map((c) => c.$disconnect()));
}
