import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { describeDatabaseUrl, validateDatabaseUrl } from './database-url';
import { unavailable } from './errors';

/**
 * Opens one connection and runs `fn`; connection failures become a one-line `unavailable`
 * error that names the server (not the password) and the cause, instead of a stack trace.
 */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  validateDatabaseUrl(url);
  const client = new pg.Client({ ...parseIntoClientConfig(url), connectionTimeoutMillis: 5000 });
  // A server that goes away emits 'error' on an idle client; without a listener Node would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw unavailable(`Cannot connect to PostgreSQL at ${describeDatabaseUrl(url)}: ${connectionCause(error)}`, error);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fails with a one-line message when the server cannot be reached or refuses the login. */
export async function checkConnection(url: string): Promise<void> {
  await withPgClient(url, async (client) => {
    await client.query('SELECT 1');
  });
}

export function connectionCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: string; errors?: Error[] };
  // Node reports "connect ECONNREFUSED" per address as an AggregateError with an empty message.
  const message = e.message || e.errors?.map((x) => x.message).join('; ') || e.code || 'unknown error';
  return message.split('\n')[0] ?? message;
}
