/**
 * Traffic import benchmark (issue 6): 1,000,000 Hubble flow lines for a 2,000-pod cluster.
 * Each phase runs in its own process so peak RSS is per phase; both read with fs.createReadStream defaults
 * (1 MiB chunks were slower here). Wall and CPU time are both reported: on a shared machine CPU time is steadier.
 *   generate → floor (bare JSON.parse loop over the same file) → import (parse + resolve + aggregate).
 * Run: npx tsx bench/traffic-import.bench.ts [lines]   (or `npm run bench traffic`)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importTraffic } from '../lib/traffic';
import { buildBenchCluster, writeBenchFlows } from './traffic-import-data';

const LINES = Number(process.env.BENCH_LINES ?? process.argv[2] ?? 1_000_000);
const FILE = path.join(os.tmpdir(), `eastwest-bench-hubble-${LINES}.jsonl`);
const mode = process.env.BENCH_MODE;

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

async function floor(): Promise<void> {
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const decoder = new TextDecoder();
  let carry = '';
  let n = 0;
  for await (const chunk of createReadStream(FILE)) {
    const text = carry + decoder.decode(chunk as Buffer, { stream: true });
    let s = 0;
    let i = text.indexOf('\n');
    while (i !== -1) {
      if (i > s) {
        JSON.parse(text.slice(s, i));
        n++;
      }
      s = i + 1;
      i = text.indexOf('\n', s);
    }
    carry = text.slice(s);
  }
  if (carry) {
    JSON.parse(carry);
    n++;
  }
  console.log(JSON.stringify({ ms: performance.now() - start, cpuMs: cpuMs(cpu0), records: n, peakRssMb: peakRssMb() }));
}

async function runImport(): Promise<void> {
  const { inventory } = buildBenchCluster();
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await importTraffic(createReadStream(FILE), { fileName: FILE, inventory });
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ms, cpuMs: cpuMs(cpu0), records: r.counts.read, imported: r.counts.imported, skipped: r.counts.skipped, edges: r.edges.length, unresolved: r.unresolved.length, peakRssMb: peakRssMb() }));
}

function child(m: string): Record<string, unknown> {
  const res = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename], { env: { ...process.env, BENCH_MODE: m, BENCH_LINES: String(LINES) }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${m} failed: ${res.stderr}`);
  const last = res.stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as Record<string, unknown>;
}

async function main(): Promise<void> {
  if (mode === 'floor') return floor();
  if (mode === 'import') return runImport();
  if (!existsSync(FILE) || process.env.BENCH_REGENERATE) {
    const t = performance.now();
    const bytes = writeBenchFlows(FILE, LINES, buildBenchCluster());
    console.log(`generated ${LINES} lines, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s → ${FILE}`);
  }
  const size = statSync(FILE).size;
  const f = child('floor');
  const i = child('import');
  const floorMs = f.ms as number;
  const importMs = i.ms as number;
  console.log(`file: ${LINES} Hubble lines, ${(size / 2 ** 20).toFixed(0)} MiB, 2,000 pods`);
  const fc = f.cpuMs as number;
  const ic = i.cpuMs as number;
  console.log(`floor  (bare JSON.parse loop): ${(floorMs / 1000).toFixed(2)} s wall, ${(fc / 1000).toFixed(2)} s CPU, ${Math.round((LINES / floorMs) * 1000)} records/s, peak RSS ${String(f.peakRssMb)} MB`);
  console.log(`import (parse+resolve+aggregate): ${(importMs / 1000).toFixed(2)} s wall, ${(ic / 1000).toFixed(2)} s CPU, ${Math.round((LINES / importMs) * 1000)} records/s, peak RSS ${String(i.peakRssMb)} MB`);
  console.log(`ratio import/floor: ${(importMs / floorMs).toFixed(2)} wall, ${(ic / fc).toFixed(2)} CPU (target ≤ 2.0), peak RSS target < 512 MB`);
  console.log(`import result: ${String(i.imported)} records imported, skipped ${JSON.stringify(i.skipped)}, ${String(i.edges)} edges, ${String(i.unresolved)} unresolved`);
}

await main();
