/**
 * `npm run bench`: runs every `bench/*.bench.ts` script in its own process (so peak RSS is per benchmark)
 * and prints their figures. Record the results in docs/BENCHMARKS.md with the machine and the date.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

console.log(`# Eastwest benchmarks — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
let failed = 0;
for (const script of scripts) {
  console.log(`\n## ${script}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, script)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`!! ${script} exited with ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
