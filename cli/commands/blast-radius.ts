import type { Command } from 'commander';
import { DEFAULT_SENSITIVITY_RULES, prepareBlastRadius, UnknownWorkloadError, WORKLOAD_INFRA_LABEL, type BlastRadiusReport, type ReachEdge, type ReportedWorkload } from '../../lib/graph';
import { createEvaluator } from '../../lib/policy';
import { readTrafficFiles } from '../../lib/traffic/node';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { loadInput, reportDiagnostics } from '../input';
import { addTrafficOptions, toTrafficReadOptions, type TrafficFlags } from '../traffic-options';

interface BlastOptions extends TrafficFlags {
  input: string[];
  from?: string[];
  to?: string[];
  maxHops?: string;
  observedOnly?: boolean;
  pivotThroughInfra?: boolean;
  crownJewel: string[];
  crownJewelLabel: string[];
  json?: boolean;
  verbose?: boolean;
}

const collect = (v: string, acc: string[]) => [...acc, v];

function parseMaxHops(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`--max-hops: expected a positive integer, got "${s}"`);
  return n;
}

async function run(o: BlastOptions, direction: 'blast' | 'exposure'): Promise<number> {
  const maxHops = parseMaxHops(o.maxHops);
  if (o.observedOnly && o.traffic.length === 0) throw new InputError('--observed-only needs --traffic files');
  const trafficOptions = await toTrafficReadOptions(o);
  const input = await loadInput(o.input);
  const built = createEvaluator(input.inventory, input.objects);
  const traffic = o.traffic.length ? await readTrafficFiles(o.traffic, input.inventory, trafficOptions) : { edges: [], diagnostics: [] };
  const failed = reportDiagnostics([...input.diagnostics, ...built.diagnostics, ...traffic.diagnostics], o.verbose === true);
  const prepared = prepareBlastRadius({ inventory: input.inventory, evaluator: built.value, edges: traffic.edges, crownJewelTags: o.crownJewel, ...(o.crownJewelLabel.length ? { sensitivityRules: { labels: [...DEFAULT_SENSITIVITY_RULES.labels, ...o.crownJewelLabel] } } : {}) });
  let report: BlastRadiusReport;
  try {
    report = prepared.query({ direction, start: (direction === 'blast' ? o.from : o.to) ?? [], ...(maxHops ? { maxHops } : {}), observedOnly: o.observedOnly === true, pivotThroughInfra: o.pivotThroughInfra === true });
  } catch (e) {
    if (e instanceof UnknownWorkloadError) throw new InputError(e.message);
    throw e;
  }
  const unused = o.traffic.length === 0 || o.observedOnly ? null : report.grantedButUnused;
  if (o.json) {
    const key = direction === 'blast' ? 'from' : 'to';
    process.stdout.write(`${JSON.stringify({ [key]: report.start, reached: report.reached, pivotThroughInfra: report.pivotThroughInfra, ...(unused ? { grantedButUnused: unused } : {}) }, null, 2)}\n`);
  } else {
    process.stdout.write(renderReach(report, unused));
  }
  return failed ? EXIT_BAD_INPUT : EXIT_OK;
}

function renderReach(result: BlastRadiusReport, unused: ReachEdge[] | null): string {
  const { direction, workloads: total } = result;
  const lines: string[] = [];
  const share = total > 1 ? Math.round((result.reached.length / (total - 1)) * 100) : 0;
  lines.push(direction === 'blast'
    ? `${result.start.join(', ')} reaches ${result.reached.length} workload(s) (${share}% of the others)`
    : `${result.reached.length} workload(s) (${share}% of the others) can reach ${result.start.join(', ')}`);
  for (const r of result.reached) {
    const path = r.path.map((h) => `${h.from} -> ${h.to}:${h.port}/${h.protocol}${h.restrictions ? ` [${h.restrictions.join('; ')}]` : ''}`).join('  ');
    lines.push(`  ${String(r.hops).padStart(2)} hop(s)  ${r.workload}${marks(r)}\n           ${path}`);
  }
  const stopped = result.reached.filter((r) => r.notTraversed);
  if (stopped.length) {
    lines.push(
      `\nReached but not traversed (shared infrastructure: going further takes compromising it; --pivot-through-infra walks on): ${stopped.map((r) => `${r.workload} (${r.infra ? WORKLOAD_INFRA_LABEL[r.infra] : 'infrastructure'})`).join(', ')}`,
    );
  }
  if (unused && unused.length) {
    lines.push(`\nGranted by policy but never observed (${unused.length}): the cheapest reach to remove`);
    for (const e of unused) lines.push(`  ${e.source} -> ${e.destination}:${e.port}/${e.protocol}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The same marks as the UI: crown jewel, suggested crown jewel, sensitive (Findings' level and categories), infrastructure. */
function marks(r: ReportedWorkload): string {
  const out: string[] = [];
  if (r.crownJewel) out.push(r.suggested ? '☆ suggested crown jewel' : '★ crown jewel');
  if (r.sensitivity) out.push([r.sensitivity.level, ...r.sensitivity.categories].join(' · '));
  if (r.infra) out.push(`${WORKLOAD_INFRA_LABEL[r.infra]}${r.notTraversed ? ', not traversed' : ''}`);
  return out.length ? `  ${out.join('  ')}` : '';
}

function register(program: Command, name: 'blast-radius' | 'exposure'): void {
  const blast = name === 'blast-radius';
  const cmd = program
    .command(name)
    .description(
      `${blast ? 'What a compromised workload can reach, hop by hop (policy-allowed, or observed with --observed-only)' : 'Who can reach a workload, directly and transitively'}; ` +
        'with --traffic, also what policy grants but was never observed',
    )
    .requiredOption('-i, --input <path...>', 'manifest files or directories: cluster state and policies');
  addTrafficOptions(cmd)
    .option('--max-hops <n>', 'stop after this many hops')
    .option('--observed-only', 'follow only observed, not blocked, traffic (actual instead of potential reach; needs --traffic)')
    .option('--pivot-through-infra', 'walk on from shared infrastructure (cluster DNS, mesh control plane, API server) as if the attacker could compromise it too; by default it is reached but not traversed')
    .option('--crown-jewel <ns/name>', 'tag a workload (or ns/* for a namespace) as a crown jewel', collect, [])
    .option('--crown-jewel-label <key[=value]>', 'pod-template or namespace label/annotation that marks crown jewels (besides data-classification=restricted and eastwest.io/crown-jewel=true)', collect, [])
    .option('--json', 'machine-readable output')
    .option('-v, --verbose', 'also print info diagnostics');
  if (blast) cmd.requiredOption('--from <ns/name...>', 'compromised workload(s)');
  else cmd.requiredOption('--to <ns/name...>', 'target workload(s)');
  cmd.action(async (o: BlastOptions) => {
    try {
      process.exitCode = await run(o, blast ? 'blast' : 'exposure');
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`${e.message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    }
  });
}

export const registerBlastRadius = (program: Command) => register(program, 'blast-radius');
export const registerExposure = (program: Command) => register(program, 'exposure');
