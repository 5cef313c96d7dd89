/**
 * `npm start`: everything a user needs from a fresh clone, in order:
 *   1. the database: DATABASE_URL, or an embedded PostgreSQL in .eastwest/pg when unset;
 *   2. migrations (offline, lib/db/migrate);
 *   3. the Online Boutique demo snapshot, if there is none (transactional: safe to interrupt);
 *   4. `next build` when there is no build or the sources changed;
 *   5. `next start` on $PORT (default 3000), with DATABASE_URL set for it.
 * Ctrl-C (or SIGTERM) stops Next, then the embedded server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { disconnectPrisma, ensureDemoSnapshot } from '@/lib/db';
import { applyMigrations } from '@/lib/db/migrate';
import { resolveDatabase, type ResolvedDatabase } from '@/lib/db/resolve-database';
import { needsBuild } from './needs-build';
import { runMain } from './run-main';

const root = process.cwd();
const port = process.env.PORT ?? '3000';
// Loopback unless asked otherwise: Eastwest holds a map of every path through the cluster (see issue 10).
const hostname = process.env.HOST ?? '127.0.0.1';
const nextBin = path.join(root, 'node_modules', '.bin', 'next');

let db: ResolvedDatabase | undefined;
let child: ChildProcess | undefined;
let stopping: Promise<void> | undefined;

function stop(code: number): Promise<void> {
  stopping ??= (async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await disconnectPrisma().catch(() => undefined);
    await db?.stop().catch(() => undefined);
    process.exit(code);
  })();
  return stopping;
}

process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  child = spawn(nextBin, args, { cwd: root, env, stdio: 'inherit' });
  return child;
}

function exitCodeOf(proc: ChildProcess): Promise<number> {
  return new Promise((resolve) => proc.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

await runMain(async () => {
  db = await resolveDatabase();
  console.log(`eastwest: database ${db.description}`);

  const applied = await applyMigrations(db.url);
  console.log(applied.length ? `eastwest: applied migrations ${applied.join(', ')}` : 'eastwest: database schema is up to date');

  const demo = await ensureDemoSnapshot(db.url);
  console.log(demo.created ? `eastwest: loaded the demo snapshot "${demo.snapshot.name}"` : `eastwest: demo snapshot "${demo.snapshot.name}" already present`);
  await disconnectPrisma();

  const env = { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: '1' };
  const build = needsBuild(root);
  if (build.build) {
    console.log(`eastwest: building the app (${build.reason})...`);
    const code = await exitCodeOf(run(['build'], env));
    if (stopping) return;
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  }

  console.log(`eastwest: serving on http://${hostname === '127.0.0.1' ? 'localhost' : hostname}:${port} (Ctrl-C to stop)`);
  const code = await exitCodeOf(run(['start', '--port', port, '--hostname', hostname], env));
  if (!stopping) await stop(code);
});

if (process.exitCode && !stopping) await stop(process.exitCode as number);
