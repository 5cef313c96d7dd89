/**
 * The production app for benchmarks that measure it over HTTP: `next build` into EASTWEST_DIST_DIR (or `.next`) when
 * there is no build there yet, `next start` on loopback in its own process group, and a clean stop.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

/** Builds the app unless the build folder (next.config.mjs reads EASTWEST_DIST_DIR) already has one. */
export function ensureBuild(env: NodeJS.ProcessEnv): void {
  const dist = env.EASTWEST_DIST_DIR || '.next';
  if (existsSync(path.join(root, dist, 'BUILD_ID'))) return;
  console.log(`building the app into ${dist} (no production build there yet)...`);
  if (spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' }).status !== 0) throw new Error('next build failed');
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become healthy in 120 s');
}

export interface RunningApp {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `next start` on 127.0.0.1:`port`, resolved once /api/health answers. */
export async function startApp(port: number, env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const base = `http://127.0.0.1:${port}`;
  // Its own process group (`detached`): stopping it signals the whole group, workers included.
  const child = spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const stop = async () => {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  try {
    await waitForHealth(base, child);
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, child, stop };
}
