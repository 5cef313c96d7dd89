/**
 * Load test of the graph API (issue 10): the production server (`next start` on a spare loopback
 * port, against a fresh database holding one synthetic 2,000-workload snapshot) under 200
 * concurrent clients for a bounded time, with autocannon. Prints p50/p99 latency, throughput and
 * errors as plain lines for docs/BENCHMARKS.md. Builds the app first only when there is no build.
 *
 *   LOAD_SECONDS (default 30), LOAD_CONNECTIONS (default 200), LOAD_PATH (default the graph API).
 * A second phase imports a large traffic file while the load runs: the server must keep serving.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, cpus } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createSnapshot, disconnectPrisma, saveSnapshotContent } from '../lib/db';
import { withPgClient } from '../lib/db/connection';
import { withDatabase } from '../lib/db/database-url';
import { applyMigrations } from '../lib/db/migrate';
import { buildInventory, isInventoryKind } from '../lib/inventory';
import { generateGraphBenchData } from './graph-data';

const root = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 200);
const ADMIN_URLS = [process.env.EASTWEST_TEST_ADMIN_URL, 'postgresql://postgres@127.0.0.1:5432/postgres', 'postgresql://root@127.0.0.1:5432/postgres'].filter((u): u is string => !!u);

async function adminUrl(): Promise<string> {
  for (const url of ADMIN_URLS) {
    const ok = await withPgClient(url, (c) => c.query('SELECT 1')).then(() => true, () => false);
    if (ok) return url;
  }
  throw new Error(`no PostgreSQL server to create the bench database on (tried ${ADMIN_URLS.length} URLs; set EASTWEST_TEST_ADMIN_URL)`);
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become healthy in 120 s');
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function report(label: string, r: autocannon.Result): void {
  console.log(
    `${label}: ${r.requests.total} requests in ${r.duration.toFixed(0)} s (${r.requests.average.toFixed(0)} req/s), latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`,
  );
}

const admin = await adminUrl();
const dbName = `eastwest_load_${randomBytes(4).toString('hex')}`;
await withPgClient(admin, (c) => c.query(`CREATE DATABASE "${dbName}"`));
const url = withDatabase(admin, dbName);
let server: ChildProcess | undefined;
try {
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  // 40 namespaces × 50 workloads = 2,000 workloads, 20,000 observed edges, 2,040 NetworkPolicies.
  const data = generateGraphBenchData(40, 50);
  const inventory = buildInventory(data.objects.filter((o) => isInventoryKind(o.kind))).value;
  const snapshot = await createSnapshot({ name: 'load test', cluster: 'bench', environment: 'bench' });
  await saveSnapshotContent(snapshot.id, { inventory, policies: data.objects.filter((o) => !isInventoryKind(o.kind)), edges: data.edges });
  await disconnectPrisma();
  console.log(`snapshot: ${inventory.workloads.length} workloads, ${data.edges.length} observed edges`);

  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: '1' };
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.log('building the app (no production build yet)...');
    if (spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' }).status !== 0) throw new Error('next build failed');
  }
  const port = await sparePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  await waitForHealth(base, server);

  const graphPath = process.env.LOAD_PATH ?? `/api/snapshots/${snapshot.id}/graph`;
  const warm = await fetch(`${base}${graphPath}`);
  console.log(`first request (cold classification): HTTP ${warm.status}, ${(await warm.arrayBuffer()).byteLength} bytes`);

  const steady = await run({ url: `${base}${graphPath}`, connections: CONNECTIONS, duration: SECONDS, timeout: 30 });
  report(`GET ${graphPath}, ${CONNECTIONS} clients, ${SECONDS} s`, steady);

  // The server keeps serving during a large import: load the graph while 50,000 edges are imported.
  const lines = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ source: `team-000/svc-${String(i % 50).padStart(3, '0')}`, destination: `team-001/svc-${String((i * 7) % 50).padStart(3, '0')}`, port: 8000 + (i % 1000), protocol: 'TCP', count: 1 }));
  const body = `${lines.join('\n')}\n`;
  const importing = fetch(`${base}/api/snapshots/${snapshot.id}/imports?fileName=load.jsonl`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } }).then(async (r) => `HTTP ${r.status} (${(await r.text()).length} bytes)`);
  const during = await run({ url: `${base}${graphPath}`, connections: CONNECTIONS, duration: Math.max(10, Math.floor(SECONDS / 2)), timeout: 30 });
  report(`GET ${graphPath} during a ${(body.length / 2 ** 20).toFixed(1)} MiB import`, during);
  console.log(`import: ${await importing}`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  if (steady.errors + steady.timeouts + steady.non2xx > 0) process.exitCode = 1;
} finally {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  await disconnectPrisma().catch(() => undefined);
  await withPgClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
}
