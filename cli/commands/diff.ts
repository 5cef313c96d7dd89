import type { Command } from 'commander';
import { analyzeSnapshot, compareSnapshots, type Comparison, type EdgeChange, type SnapshotInput } from '../../lib/findings';
import type { TimeWindow } from '../../lib/graph';
import { readTrafficFiles } from '../../lib/traffic/node';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { loadInput, reportDiagnostics } from '../input';
import { addTrafficParseOptions, toTimeWindow, toTrafficReadOptions, type TrafficParseFlags, type TrafficReadOptions } from '../traffic-options';

/** Exit code of `eastwest diff` when the current snapshot has new unauthorized edges (a failing CI check). */
export const EXIT_NEW_UNAUTHORIZED = 1;

/**
 * Where one side of a comparison comes from: files (manifests + traffic), or a stored snapshot
 * (`snapshot:<name>` or `snapshot:<cluster>/<name>`, read from the database at DATABASE_URL).
 */
export type SnapshotSource = { kind: 'files'; input: string[]; traffic: string[] } | { kind: 'snapshot'; name: string; cluster?: string };

export function toSnapshotSource(flag: string, paths: string[], traffic: string[], trafficFlag = `--${flag}-traffic`): SnapshotSource {
  const refs = paths.filter((p) => p.startsWith('snapshot:'));
  if (refs.length === 0) {
    if (paths.length === 0) throw new InputError(`--${flag}: give manifest files/directories (with ${trafficFlag}) or snapshot:<name>`);
    return { kind: 'files', input: paths, traffic };
  }
  if (refs.length > 1 || paths.length > 1 || traffic.length > 0) throw new InputError(`--${flag}: snapshot:<name> stands alone (no other files, no ${trafficFlag})`);
  const ref = refs[0]!.slice('snapshot:'.length);
  const slash = ref.indexOf('/');
  if (!ref || slash === ref.length - 1) throw new InputError(`--${flag}: expected snapshot:<name> or snapshot:<cluster>/<name>`);
  return slash > 0 ? { kind: 'snapshot', cluster: ref.slice(0, slash), name: ref.slice(slash + 1) } : { kind: 'snapshot', name: ref };
}

/**
 * Loads one side; returns the input and whether its files had errors. Traffic files are read with `trafficOptions`
 * (`--format`, `--destination`, `--envoy-format`); a stored snapshot was parsed when it was imported. Database access
 * is loaded on use only.
 */
export async function loadSnapshotSource(
  source: SnapshotSource,
  verbose: boolean,
  trafficOptions: TrafficReadOptions = {},
): Promise<{ input: SnapshotInput; failed: boolean; label: string }> {
  if (source.kind === 'files') {
    const input = await loadInput(source.input);
    const traffic = source.traffic.length ? await readTrafficFiles(source.traffic, input.inventory, trafficOptions) : { edges: [], diagnostics: [] };
    const failed = reportDiagnostics([...input.diagnostics, ...traffic.diagnostics], verbose);
    return { input: { inventory: input.inventory, objects: input.objects, edges: traffic.edges }, failed, label: source.input.join(' ') };
  }
  if (!process.env.DATABASE_URL) throw new InputError('snapshot:<name> reads the database: set DATABASE_URL (or use files)');
  const db = await import('../../lib/db');
  try {
    const info = await db.findSnapshotByName(source.name, source.cluster);
    const content = await db.loadSnapshotContent(info.id);
    return { input: { inventory: content.inventory, objects: content.objects, edges: content.edges }, failed: false, label: `snapshot ${info.cluster}/${info.name}` };
  } catch (e) {
    if (db.isDbError(e)) throw new InputError(e.message);
    throw e;
  } finally {
    await db.disconnectPrisma().catch(() => undefined);
  }
}

const edgeText = (e: EdgeChange) => `${e.source} -> ${e.destination} :${e.port}/${e.protocol}  ${e.class}${e.state ? ` (${e.state})` : ''}`;

export function renderComparison(c: Comparison, labels: { baseline: string; current: string }): string {
  const out = [`Comparing ${labels.current} with baseline ${labels.baseline}`, ''];
  out.push(`New internal callers (${c.newCallers.length}):`);
  for (const n of c.newCallers) out.push(`  ${n.source} -> ${n.destination} :${n.port}/${n.protocol}  first seen ${n.firstSeen}  ${n.class}${n.state ? ` (${n.state})` : ''}`);
  if (c.newCallers.length === 0) out.push('  none');
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    out.push('', `${title} (${items.length}):`, ...items.map((i) => `  ${i}`));
  };
  list('New edges', c.newEdges.map(edgeText));
  list('Edges gone', c.goneEdges.map(edgeText));
  list('Classification changed', c.classChanges.map((x) => `${x.source} -> ${x.destination} :${x.port}/${x.protocol}  ${x.before.class}${x.before.state ? `/${x.before.state}` : ''} -> ${x.after.class}${x.after.state ? `/${x.after.state}` : ''}`));
  list('Policy: connections gained', c.policyChanges.gained.map((g) => `${g.source} -> ${g.destination} :${g.port}/${g.protocol}`));
  list('Policy: connections lost', c.policyChanges.lost.map((g) => `${g.source} -> ${g.destination} :${g.port}/${g.protocol}`));
  list('Policy: other changes', c.policyChanges.changed.map((g) => `${g.source} -> ${g.destination} :${g.port}/${g.protocol}  ${g.before} -> ${g.after}`));
  list(
    'Blast radius changes',
    c.blastRadius.filter((b) => b.delta !== 0).map((b) => `${b.workload}: ${b.before ?? '-'} -> ${b.after ?? '-'} workloads reachable`),
  );
  out.push('', c.newUnauthorized.length ? `FAIL: ${c.newUnauthorized.length} new unauthorized edge(s)` : 'OK: no new unauthorized edge');
  return out.join('\n');
}

interface DiffOptions extends TrafficParseFlags {
  baseline: string[];
  baselineInput: string[];
  baselineTraffic: string[];
  current: string[];
  currentInput: string[];
  currentTraffic: string[];
  baselineFrom?: string;
  baselineTo?: string;
  currentFrom?: string;
  currentTo?: string;
  riskiest?: string;
  json?: boolean;
  verbose?: boolean;
}

async function runDiff(o: DiffOptions): Promise<number> {
  const baselineSource = toSnapshotSource('baseline', [...o.baseline, ...o.baselineInput], o.baselineTraffic);
  const currentSource = toSnapshotSource('current', [...o.current, ...o.currentInput], o.currentTraffic);
  const limit = o.riskiest === undefined ? 10 : Number(o.riskiest);
  if (!Number.isInteger(limit) || limit < 1) throw new InputError(`--riskiest: expected a positive integer, got "${o.riskiest}"`);
  const baselineWindow = sideWindow('baseline', o.baselineFrom, o.baselineTo);
  const currentWindow = sideWindow('current', o.currentFrom, o.currentTo);
  const trafficOptions = await toTrafficReadOptions(o);
  const baseline = await loadSnapshotSource(baselineSource, o.verbose === true, trafficOptions);
  const current = await loadSnapshotSource(currentSource, o.verbose === true, trafficOptions);
  if (baseline.failed || current.failed) return EXIT_BAD_INPUT;
  const comparison = compareSnapshots(analyzeSnapshot({ ...baseline.input, ...baselineWindow }), analyzeSnapshot({ ...current.input, ...currentWindow }), { riskiestLimit: limit });
  process.stdout.write(`${o.json ? JSON.stringify(comparison, null, 2) : renderComparison(comparison, { baseline: baseline.label, current: current.label })}\n`);
  return comparison.newUnauthorized.length > 0 ? EXIT_NEW_UNAUTHORIZED : EXIT_OK;
}

/** `--<side>-from/--<side>-to`: compares time windows of the same files too. */
function sideWindow(side: string, from: string | undefined, to: string | undefined): { window?: TimeWindow } {
  const window = toTimeWindow({ from, to }, `--${side}-`);
  return window.from || window.to ? { window } : {};
}

const collect = (v: string, acc: string[]) => [...acc, v];

export function registerDiff(program: Command): void {
  const cmd = program
    .command('diff')
    .description('Compare a snapshot with a baseline: new callers, new and gone edges, policy changes (semantic), blast-radius changes')
    .option('--baseline <path|snapshot:name...>', 'baseline manifests (cluster state + policies), or snapshot:<name> / snapshot:<cluster>/<name> from the database', collect, [])
    .option('--baseline-input <path...>', 'more baseline manifest files or directories', collect, [])
    .option('--baseline-traffic <path...>', 'baseline traffic files or directories', collect, [])
    .option('--current <path|snapshot:name...>', 'current manifests, or snapshot:<name>', collect, [])
    .option('--current-input <path...>', 'more current manifest files or directories', collect, [])
    .option('--current-traffic <path...>', 'current traffic files or directories', collect, []);
  addTrafficParseOptions(cmd)
    .option('--baseline-from <time>', 'only baseline traffic seen from this time (RFC 3339)')
    .option('--baseline-to <time>', 'only baseline traffic seen until this time')
    .option('--current-from <time>', 'only current traffic seen from this time (compare two windows of the same files)')
    .option('--current-to <time>', 'only current traffic seen until this time')
    .option('--riskiest <n>', 'how many riskiest workloads to compare (default 10)')
    .option('--json', 'machine-readable output: the whole comparison')
    .option('-v, --verbose', 'also print info diagnostics')
    .addHelpText(
      'after',
      `
Exit codes: 0 no new unauthorized edge, 1 new unauthorized edges (new, or newly classified unauthorized), 2 bad input.
snapshot:<name> reads the database at DATABASE_URL.
--format, --destination and --envoy-format apply to the traffic files of both sides.

Example (scheduled CI check):
  eastwest diff --baseline cluster.json policies/ --baseline-traffic last-week/ \\
                --current cluster.json policies/ --current-traffic today/`,
    )
    .action(async (o: DiffOptions) => {
      try {
        process.exitCode = await runDiff(o);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
