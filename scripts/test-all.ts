/**
 * `npm test`: every test suite in order (unit, integration, browser), each runner's own output
 * streamed live, then one summary line per runner. Exits non-zero when any step fails.
 *
 *   1. tsc --noEmit                         (the whole tree, tests included; `next build` checks only the app)
 *   2. vitest run --project unit
 *   3. vitest run --project integration   (its global setup finds or starts PostgreSQL)
 *   4. playwright test                     (after ensuring Chromium and a fresh e2e database)
 */
import { spawn } from 'node:child_process';
import { ensureChromium } from './ensure-chromium';
import { prepareE2eDatabase, type E2eDatabase } from '@/e2e/support/database';

type StepResult = { name: string; ok: boolean; summary: string[] };

// Runner output is piped (to find the summary lines); keep colours when a person is watching.
const childEnv: NodeJS.ProcessEnv = { ...process.env, ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}) };

const ansi = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Vitest: " Test Files  3 passed (3)", "      Tests  41 passed (41)". Playwright: "  12 passed (31.2s)", "  1 failed". */
const summaryPatterns: Record<'tsc' | 'vitest' | 'playwright', RegExp> = {
  tsc: /^Found \d+ errors?\b/,
  vitest: /^\s*(Test Files|Tests|Errors)\s{2,}\S/,
  playwright: /^\s*\d+ (passed|failed|flaky|skipped|interrupted|did not run)\b/,
};

function run(name: string, runner: keyof typeof summaryPatterns, args: string[], env: NodeJS.ProcessEnv = childEnv): Promise<StepResult> {
  console.log(`\n━━ ${name}: npx ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn('npx', args, { env, stdio: ['inherit', 'pipe', 'pipe'] });
    const summary: string[] = [];
    // When a runner fails before its summary (e.g. the web server did not start), its last error line says why.
    let lastError: string | undefined;
    const partial = { stdout: '', stderr: '' };
    const scan = (stream: keyof typeof partial, chunk: Buffer) => {
      const lines = (partial[stream] + chunk.toString('utf8')).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) {
        const plain = line.replace(ansi, '').trim();
        if (summaryPatterns[runner].test(plain)) summary.push(plain.replace(/\s{2,}/g, ' '));
        else if (/^Error\b/.test(plain)) lastError = plain;
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      scan('stdout', chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      scan('stderr', chunk);
    });
    child.on('error', (error) => resolve({ name, ok: false, summary: [`could not start: ${error.message}`] }));
    child.on('close', (code, signal) => {
      scan('stdout', Buffer.from('\n'));
      scan('stderr', Buffer.from('\n'));
      const fallback = `${signal ? `killed by ${signal}` : `exit code ${code}`}${lastError ? `: ${lastError}` : ''}`;
      resolve({ name, ok: code === 0, summary: summary.length ? summary : [fallback] });
    });
  });
}

async function runE2e(): Promise<StepResult> {
  const chromium = ensureChromium();
  if (!chromium.ok) {
    console.error(`\n${chromium.message}`);
    return { name: 'e2e', ok: false, summary: ['not run: Chromium is missing'] };
  }
  let db: E2eDatabase;
  try {
    db = await prepareE2eDatabase();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`\nCannot prepare the e2e database: ${message}`);
    return { name: 'e2e', ok: false, summary: [`not run: ${message}`] };
  }
  console.log(`\ne2e database: ${db.description}; Chromium: ${chromium.path}`);
  try {
    return await run('e2e', 'playwright', ['playwright', 'test'], { ...childEnv, E2E_DATABASE_URL: db.url });
  } finally {
    await db.stop().catch((error: unknown) => console.error(`Could not clean up the e2e database: ${String(error)}`));
  }
}

const results: StepResult[] = [];
results.push(await run('typecheck', 'tsc', ['tsc', '--noEmit', '--pretty']));
results.push(await run('unit', 'vitest', ['vitest', 'run', '--project', 'unit', '--passWithNoTests']));
results.push(await run('integration', 'vitest', ['vitest', 'run', '--project', 'integration', '--passWithNoTests']));
results.push(await runE2e());

console.log('\n━━ Summary');
for (const r of results) {
  console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(12)} ${r.summary.join(' | ')}`);
}
const failed = results.filter((r) => !r.ok).map((r) => r.name);
console.log(failed.length ? `\nFailed: ${failed.join(', ')}` : '\nAll test suites passed.');
process.exit(failed.length ? 1 : 0);
