import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkConnection } from '../connection';

export interface RunningEmbeddedOptions {
  /** Default `<cwd>/.eastwest/pg`, as lib/db/embedded.ts. */
  dataDir?: string;
  database?: string;
}

/**
 * The URL of the embedded PostgreSQL when a server already runs on its data directory (`npm start`
 * is up): a second server cannot start there (postmaster.pid lock), so the CLI joins the running one.
 * Line 4 of postmaster.pid is the port (https://www.postgresql.org/docs/current/storage-file-layout.html);
 * the password is the one lib/db/embedded.ts keeps next to the data directory. Null when none runs.
 */
export async function findRunningEmbeddedDatabase(options: RunningEmbeddedOptions = {}): Promise<string | null> {
  const dataDir = path.resolve(options.dataDir ?? path.join(process.cwd(), '.eastwest', 'pg'));
  let pid: string;
  let password: string;
  try {
    [pid, password] = await Promise.all([readFile(path.join(dataDir, 'postmaster.pid'), 'utf8'), readFile(`${dataDir}.secret`, 'utf8')]);
  } catch {
    return null;
  }
  const port = Number(pid.split('\n')[3]);
  if (!Number.isInteger(port) || port <= 0) return null;
  const url = `postgresql://postgres:${encodeURIComponent(password.trim())}@127.0.0.1:${port}/${options.database ?? 'eastwest'}`;
  try {
    await checkConnection(url);
    return url;
  } catch {
    return null; // a stale pid file: the server is gone
  }
}
