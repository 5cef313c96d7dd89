import { unavailable, DbError } from './errors';

/**
 * The database the app talks to. The Next server and the CLI only read DATABASE_URL; starting an
 * embedded server is the job of `npm start` (lib/db/resolve-database.ts), which sets it for them.
 */
export function getDatabaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) throw unavailable('DATABASE_URL is not set: start Eastwest with `npm start` (it runs an embedded PostgreSQL) or set DATABASE_URL=postgresql://user@host:5432/db');
  return validateDatabaseUrl(url);
}

/** Checks the shape of a PostgreSQL URL; the message never contains the password. */
export function validateDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DbError('invalid', 'DATABASE_URL is not a valid URL: expected postgresql://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DbError('invalid', `DATABASE_URL must start with postgresql:// (got ${parsed.protocol}//)`);
  }
  return url;
}

/** `host:port/database` for messages: never the user's password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `${host}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** The same server, another database (tests and the embedded server create their own). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
