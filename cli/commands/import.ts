import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { disconnectPrisma, findSnapshotByName, importFiles, importIntoNewSnapshot, isDbError, type FileImportResult, type ImportOptions, type ImportProgress, type ImportUpload, type SnapshotInfo } from '../../lib/db';
import { openDatabase } from '../database';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { renderImportResult, renderImportSummary } from '../import-output';
import { addTrafficParseOptions, toTrafficReadOptions, type TrafficParseFlags } from '../traffic-options';

/** Exit status when at least one file failed to import (the others are in). */
export const EXIT_IMPORT_FAILED = 1;

interface ImportCommandOptions extends TrafficParseFlags {
  snapshot: string;
  cluster?: string;
  environment?: string;
  databaseUrl?: string;
  badRecordThreshold?: string;
  verbose?: boolean;
}

/** Files and directories (recursively, dot files skipped, sorted) → lazily opened uploads; pipes too. */
async function collectUploads(paths: string[]): Promise<ImportUpload[]> {
  const out: ImportUpload[] = [];
  async function visit(p: string): Promise<void> {
    if (p === '-' || p === '/dev/stdin') {
      // Standard input may be a socket, which cannot be reopened by path (ENXIO): read the process's own stream.
      out.push({ fileName: p === '-' ? 'stdin' : p, content: process.stdin, sizeBytes: null });
      return;
    }
    const st = await stat(p).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`${p}: cannot read (${e.code ?? e.message})`);
    });
    if (st.isFile()) {
      out.push({ fileName: p, content: () => createReadStream(p), sizeBytes: st.size });
      return;
    }
    if (st.isFIFO() || st.isSocket() || st.isCharacterDevice()) {
      // A pipe (`/dev/stdin`, `<(zcat flows.gz)`) can be read once only: opened now, not lazily.
      const stream = createReadStream(p);
      stream.on('error', () => undefined); // surfaces when the importer reads it (an early error must not crash the process)
      out.push({ fileName: p, content: stream, sizeBytes: null });
      return;
    }
    if (!st.isDirectory()) return;
    const entries = (await readdir(p, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) await visit(path.join(p, e.name));
  }
  for (const p of paths) await visit(p);
  if (out.length === 0) throw new InputError('no file to import');
  return out;
}

function parseThreshold(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) throw new InputError(`--bad-record-threshold: expected a positive number (a fraction below 1, or a count), got "${s}"`);
  return n;
}

const MB = 1024 * 1024;
const human = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`);

/**
 * Progress on stderr: a bar redrawn in place on a terminal (bytes and records per second), plain lines
 * every few seconds otherwise (logs, CI). Output is throttled so a fast import is not slowed by it.
 */
function progressReporter(stream: NodeJS.WriteStream): { update: (p: ImportProgress) => void; clear: () => void } {
  const tty = stream.isTTY === true;
  const every = tty ? 100 : 5000;
  let started = { file: '', at: 0 };
  let last = 0;
  let drawn = false;
  const clear = () => {
    if (tty && drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  return {
    clear,
    update(p) {
      const now = Date.now();
      if (p.fileName !== started.file) started = { file: p.fileName, at: now };
      if (p.phase === 'done') return clear();
      // A terminal redraws often; a log gets a line only for files that take a while.
      if (now - last < every && (tty ? p.phase === 'reading' : true)) return;
      if (!tty && now - started.at < every) return;
      last = now;
      const seconds = Math.max((now - started.at) / 1000, 0.001);
      const rate = `${human(p.bytes / seconds)}/s, ${Math.round(p.records / seconds).toLocaleString('en-US')} records/s`;
      const size = p.totalBytes ? `${human(p.bytes)} of ${human(p.totalBytes)}` : human(p.bytes);
      const status = p.phase === 'writing' ? 'writing to the database' : `${size}, ${p.records.toLocaleString('en-US')} records (${rate})`;
      if (!tty) {
        stream.write(`eastwest: ${p.fileName}: ${status}\n`);
        return;
      }
      const width = 24;
      const done = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 0;
      const bar = p.totalBytes ? `[${'#'.repeat(Math.round(done * width)).padEnd(width, '.')}] ${String(Math.round(done * 100)).padStart(3)}% ` : '';
      const name = p.fileName.length > 40 ? `…${p.fileName.slice(-39)}` : p.fileName;
      stream.write(`\r\x1b[K${name} ${bar}${status}`.slice(0, (stream.columns || 120) + 5));
      drawn = true;
    },
  };
}

/** The snapshot `--snapshot` (and `--cluster`) names, or null when there is none yet. */
async function findTarget(o: ImportCommandOptions): Promise<SnapshotInfo | null> {
  try {
    return await findSnapshotByName(o.snapshot, o.cluster);
  } catch (e) {
    if (isDbError(e) && e.code === 'not-found') return null;
    if (isDbError(e) && e.code === 'conflict') throw new InputError(`several snapshots are named "${o.snapshot}": name the cluster with --cluster`);
    throw e;
  }
}

/**
 * Into the snapshot if it exists; else into a new one, created with the first file that imports (lib/db
 * importIntoNewSnapshot), so a run whose files all fail leaves no empty snapshot.
 */
async function importInto(o: ImportCommandOptions, uploads: ImportUpload[], options: ImportOptions): Promise<{ snapshot: SnapshotInfo | null; name: string; results: FileImportResult[] }> {
  const existing = await findTarget(o);
  if (existing) {
    process.stderr.write(`eastwest: importing into snapshot "${existing.name}" (cluster ${existing.cluster}, ${existing.environment}, id ${existing.id})\n`);
    return { snapshot: existing, name: existing.name, results: await importFiles(existing.id, uploads, options) };
  }
  const spec = { name: o.snapshot, cluster: o.cluster ?? 'default', environment: o.environment ?? 'default', ifExists: 'use' as const };
  const { snapshot, created, results } = await importIntoNewSnapshot(spec, uploads, options);
  if (snapshot) process.stderr.write(`eastwest: ${created ? 'created' : 'imported into'} snapshot "${snapshot.name}" (cluster ${snapshot.cluster}, ${snapshot.environment}, id ${snapshot.id})\n`);
  return { snapshot, name: o.snapshot, results };
}

async function runImport(files: string[], o: ImportCommandOptions): Promise<number> {
  const trafficOptions = await toTrafficReadOptions(o);
  const badRecordThreshold = parseThreshold(o.badRecordThreshold);
  const uploads = await collectUploads(files);

  const db = await openDatabase(o.databaseUrl);
  const stopDatabase = async () => {
    await disconnectPrisma().catch(() => undefined);
    await db.stop().catch(() => undefined);
  };
  // Ctrl-C: the open transaction dies with its connection (PostgreSQL rolls it back); stop an embedded server cleanly.
  const onSignal = (code: number) => () => void stopDatabase().finally(() => process.exit(code));
  process.once('SIGINT', onSignal(130));
  process.once('SIGTERM', onSignal(143));
  try {
    process.stderr.write(`eastwest: database ${db.description}\n`);
    const progress = progressReporter(process.stderr);
    const { snapshot, name, results } = await importInto(o, uploads, {
      ...trafficOptions,
      ...(badRecordThreshold !== undefined ? { badRecordThreshold } : {}),
      onProgress: progress.update,
    });
    progress.clear();
    for (const r of results) process.stdout.write(`${renderImportResult(r, o.verbose === true)}\n`);
    process.stdout.write(`${renderImportSummary(name, results, snapshot !== null)}\n`);
    return results.some((r) => r.status === 'failed') ? EXIT_IMPORT_FAILED : EXIT_OK;
  } finally {
    await stopDatabase();
  }
}

export function registerImport(program: Command): void {
  const cmd = program
    .command('import')
    .description('Import manifests (inventory, policies) and observed traffic into a snapshot in PostgreSQL; manifests first, each file in one transaction')
    .argument('<files...>', 'files, directories, pipes, or - for standard input; formats are detected from content (gzip too)')
    .requiredOption('-s, --snapshot <name>', 'snapshot name (created with the first file that imports when missing)')
    .option('--cluster <name>', 'cluster of the snapshot (to pick or create it; default "default")')
    .option('--environment <name>', 'environment of a new snapshot (prod, staging, ...; default "default")')
    .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL, else the embedded database of `npm start`)');
  addTrafficParseOptions(cmd)
    .option('--bad-record-threshold <n>', 'fail a file with more bad records than n (a count), or than this fraction of its records (below 1)')
    .option('-v, --verbose', 'also print info diagnostics')
    // Usage errors exit 2 like every other bad input (commander's default is 1, which means "a file failed" here).
    .exitOverride((e) => process.exit(e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT))
    .action(async (files: string[], o: ImportCommandOptions) => {
      let code: number;
      try {
        code = await runImport(files, o);
      } catch (e) {
        if (!(e instanceof InputError) && !isDbError(e)) throw e;
        process.stderr.write(`eastwest: ${e.message}\n`);
        code = EXIT_BAD_INPUT;
      }
      process.exit(code); // explicit: see openDatabase
    });
}
