/**
 * Load test of the graph API (issue 10): the production server (`next start` on a spare loopback
 * port, against a fresh database holding one synthetic 2,000-workload snapshot) under 200
 * concurrent clients for a bounded time, with autocannon. Prints p50/p99 latency, throughput and
 * errors as plain lines for docs/BENCHMARKS.md. Builds the app first only when there is no build.
 *
 *   LOAD_SECONDS (default 30), LOAD_CONNECTIONS (default 200), LOAD_PATH (default the graph API).
 * A second phase imports a large traffic file while the load runs: the server must keep serving.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { loadavg, cpus } from 'node:os';
import autocannon from 'autocannon';
import { createSnapshot, disconnectPrisma, saveSnapshotContent } from '../lib/db';
import { buildInventory, isInventoryKind } from '../lib/inventory';
import { createBenchDatabase } from './bench-database';
import { generateGraphBenchData } from './graph-data';
import { ensureBuild, startApp, type RunningApp } from './next-server';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 200);

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

const db = await createBenchDatabase(`eastwest_load_${randomBytes(4).toString('hex')}`);
let app: RunningApp | undefined;
try {
  process.env.DATABASE_URL = db.url;
  // 40 namespaces × 50 workloads = 2,000 workloads, 20,000 observed edges, 2,040 NetworkPolicies.
  const data = generateGraphBenchData(40, 50);
  const inventory = buildInventory(data.objects.filter((o) => isInventoryKind(o.kind))).value;
  const snapshot = await createSnapshot({ name: 'load test', cluster: 'bench', environment: 'bench' });
  await saveSnapshotContent(snapshot.id, { inventory, policies: data.objects.filter((o) => !isInventoryKind(o.kind)), edges: data.edges });
  await disconnectPrisma();
  console.log(`snapshot: ${inventory.workloads.length} workloads, ${data.edges.length} observed edges`);

  const env = { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: '1' };
  ensureBuild(env);
  app = await startApp(await sparePort(), env);
  const base = app.base;

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
  await app?.stop();
  await disconnectPrisma().catch(() => undefined);
  await db.drop();
}
