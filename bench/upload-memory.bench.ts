/**
 * Upload memory (issue 6): a ~300 MB Hubble file sent over HTTP to POST /api/snapshots/:id/imports of the
 * production server (`next start`), sampling the server's resident memory. The route is outside proxy.ts's
 * matcher, so Next does not copy the body into memory, and the body streams into the importer: the server's
 * peak RSS must not grow with the file. Prints plain lines for docs/BENCHMARKS.md.
 *
 *   UPLOAD_LINES (default 200,000 Hubble lines ≈ 313 MiB), UPLOAD_PORT (3311), UPLOAD_DB (eastwest_bench_upload),
 *   EASTWEST_DIST_DIR (the build folder; default .next). Builds the app there only when it has no build.
 */
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createSnapshot, disconnectPrisma, saveSnapshotContent } from '../lib/db';
import { createBenchDatabase } from './bench-database';
import { ensureBuild, startApp, type RunningApp } from './next-server';
import { buildBenchCluster, writeBenchFlows } from './traffic-import-data';

const LINES = Number(process.env.UPLOAD_LINES ?? 200_000);
const PORT = Number(process.env.UPLOAD_PORT ?? 3311);
const DB = process.env.UPLOAD_DB ?? 'eastwest_bench_upload';
const DIST = process.env.EASTWEST_DIST_DIR || '.next';
const FILE = path.join(tmpdir(), `eastwest-bench-hubble-${LINES}.jsonl`);
const MiB = 2 ** 20;

/** The server and every process it started (`next start` may run the server in a child). */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    const tasks = `/proc/${all[i]}/task`;
    if (!existsSync(tasks)) continue;
    for (const t of readdirSync(tasks)) {
      const children = readFileSync(`${tasks}/${t}/children`, 'utf8').trim();
      if (children) all.push(...children.split(/\s+/).map(Number));
    }
  }
  return all;
}

/** VmRSS (now) and VmHWM (the kernel's own peak, so nothing between samples is missed), in bytes. */
function memory(pid: number): { rss: number; peak: number } {
  let rss = 0;
  let peak = 0;
  for (const p of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      peak += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // the process ended between listing and reading
    }
  }
  return { rss, peak };
}

/** POSTs a file with its Content-Length, streamed from disk, and answers the status and body. */
function upload(url: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'content-length': String(statSync(file).size) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    createReadStream(file).on('error', reject).pipe(req);
  });
}

const cluster = buildBenchCluster();
if (!existsSync(FILE)) {
  const t = performance.now();
  const bytes = writeBenchFlows(FILE, LINES, cluster);
  console.log(`generated ${LINES} Hubble lines, ${(bytes / MiB).toFixed(0)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s → ${FILE}`);
}
const size = statSync(FILE).size;

const db = await createBenchDatabase(DB);
let app: RunningApp | undefined;
try {
  process.env.DATABASE_URL = db.url;
  const snapshot = await createSnapshot({ name: 'upload memory', cluster: 'bench', environment: 'bench' });
  await saveSnapshotContent(snapshot.id, { inventory: cluster.inventory, policies: [], edges: [] });
  await disconnectPrisma();

  // A request limit above the file, so the only thing under test is how the body is held.
  const env = { ...process.env, DATABASE_URL: db.url, EASTWEST_DIST_DIR: DIST, EASTWEST_MAX_REQUEST_BYTES: '2gb', NEXT_TELEMETRY_DISABLED: '1' };
  ensureBuild(env);
  app = await startApp(PORT, env);
  const server = app.child;
  const base = app.base;
  const imports = `${base}/api/snapshots/${snapshot.id}/imports`;

  // Warm up: load the route and the importer with a small file, so the peak below is the big upload's.
  const head = Buffer.alloc(1 << 20);
  const fd = openSync(FILE, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const small = await fetch(`${imports}?fileName=warm-up.jsonl`, { method: 'POST', body: head.toString().split('\n').slice(0, -1).join('\n') });
  if (small.status !== 200) throw new Error(`warm-up import: HTTP ${small.status} ${await small.text()}`);
  const before = memory(server.pid!);

  let sampledPeak = before.rss;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memory(server.pid!).rss);
  }, 100);
  const t0 = performance.now();
  const res = await upload(`${imports}?fileName=hubble-${LINES}.jsonl`, FILE);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const after = memory(server.pid!);
  if (res.status !== 200) throw new Error(`upload: HTTP ${res.status} ${res.body.slice(0, 500)}`);
  const result = (JSON.parse(res.body) as { results: { status: string; message?: string }[] }).results[0]!;

  console.log(`upload: ${LINES} Hubble lines, ${(size / MiB).toFixed(0)} MiB over HTTP in ${seconds.toFixed(1)} s (${(size / MiB / seconds).toFixed(1)} MiB/s, received and imported): ${result.status}, ${result.message ?? ''}`);
  console.log(`server RSS before the upload (after a 1 MiB warm-up import): ${(before.rss / MiB).toFixed(0)} MiB, peak so far ${(before.peak / MiB).toFixed(0)} MiB`);
  console.log(`server peak RSS during the upload: ${(Math.max(after.peak, sampledPeak) / MiB).toFixed(0)} MiB (kernel VmHWM; sampled every 100 ms: ${(sampledPeak / MiB).toFixed(0)} MiB), i.e. +${((Math.max(after.peak, sampledPeak) - before.rss) / MiB).toFixed(0)} MiB for a ${(size / MiB).toFixed(0)} MiB body`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  await app?.stop();
  await disconnectPrisma().catch(() => undefined);
  await db.drop();
}
