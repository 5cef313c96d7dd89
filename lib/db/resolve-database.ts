import path from 'node:path';
import { checkConnection } from './connection';
import { describeDatabaseUrl, validateDatabaseUrl } from './database-url';
import { startEmbeddedPostgres, type EmbeddedOptions } from './embedded';

export interface ResolvedDatabase {
  url: string;
  /** `embedded` when Eastwest started its own server. */
  kind: 'external' | 'embedded';
  /** Human description without password, e.g. `127.0.0.1:54329/eastwest (embedded)`. */
  description: string;
  stop(): Promise<void>;
}

/**
 * Decides which PostgreSQL to use: DATABASE_URL when set (checked with one connection so a bad
 * URL fails early with one line), otherwise the embedded server under `.eastwest/pg`.
 */
export async function resolveDatabase(env: Readonly<Record<string, string | undefined>> = process.env, embedded: EmbeddedOptions = {}): Promise<ResolvedDatabase> {
  const configured = env.DATABASE_URL?.trim();
  if (configured) {
    const url = validateDatabaseUrl(configured);
    await checkConnection(url);
    return { url, kind: 'external', description: describeDatabaseUrl(url), stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres(embedded);
  const where = path.relative(process.cwd(), server.dataDir) || server.dataDir;
  return { url: server.url, kind: 'embedded', description: `${describeDatabaseUrl(server.url)} (embedded, data in ${where})`, stop: server.stop };
}
