import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `eastwest` as a user runs it, for the CLI's tests: the CLI from source (`cli/main.ts` through tsx) in a
 * subprocess from the repository root, so exit codes, stdout and stderr are the real ones.
 */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(REPO_ROOT, 'cli/main.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /**
   * The subprocess's DATABASE_URL: a URL sets it, `null` removes it (so only `--database-url` names a database),
   * absent inherits the test process's.
   */
  databaseUrl?: string | null;
}

function envFor({ databaseUrl }: CliOptions): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (databaseUrl === null) delete env.DATABASE_URL;
  else if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  return env;
}

const argv = (args: readonly string[]) => ['--import', 'tsx', CLI, ...args];

/** Runs to the end, blocking (tsx start-up is about a second: give the test a generous timeout). */
export function runEastwest(args: readonly string[], options: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, argv(args), { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: envFor(options) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same without blocking the test's event loop. */
export function runEastwestAsync(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv(args), { cwd: REPO_ROOT, env: envFor(options) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
