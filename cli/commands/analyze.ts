import type { Command } from 'commander';
import { classifyGraph, type TimeWindow } from '../../lib/graph';
import { createEvaluator } from '../../lib/policy';
import { FORMAT_NAMES, readTrafficFiles, type FormatName } from '../../lib/traffic/node';
import { toAnalyzeJson, renderAnalyzeTable } from '../analyze-output';
import { ENVOY_FORMAT_HELP, loadEnvoyFormat } from '../envoy-format';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { loadInput, reportDiagnostics } from '../input';

interface AnalyzeOptions {
  input: string[];
  traffic: string[];
  from?: string;
  to?: string;
  json?: boolean;
  format?: string;
  destination?: string;
  envoyFormat?: string;
  verbose?: boolean;
}

/** `--from/--to`: RFC 3339 (or anything `Date.parse` reads), normalised to RFC 3339 UTC. */
function parseTime(flag: string, s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new InputError(`${flag}: not a time: "${s}" (expected RFC 3339, e.g. 2026-03-12T09:40:00Z)`);
  return new Date(t).toISOString();
}

async function runAnalyze(o: AnalyzeOptions): Promise<number> {
  const from = parseTime('--from', o.from);
  const to = parseTime('--to', o.to);
  if (from && to && from > to) throw new InputError(`--from ${o.from} is after --to ${o.to}`);
  const input = await loadInput(o.input);
  const built = createEvaluator(input.inventory, input.objects);
  if (o.format !== undefined && !(FORMAT_NAMES as readonly string[]).includes(o.format)) throw new InputError(`--format: expected one of ${FORMAT_NAMES.join(', ')}`);
  const envoy = await loadEnvoyFormat(o.envoyFormat);
  const trafficOptions = {
    ...(o.format ? { format: o.format as FormatName } : {}),
    ...(o.destination ? { destination: o.destination } : {}),
    ...(envoy.envoyFormat ? { envoyFormat: envoy.envoyFormat } : {}),
  };
  const traffic = o.traffic.length ? await readTrafficFiles(o.traffic, input.inventory, trafficOptions) : { edges: [], diagnostics: [] };
  const failed = reportDiagnostics([...input.diagnostics, ...built.diagnostics, ...traffic.diagnostics], o.verbose === true);
  const window: TimeWindow = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const graph = classifyGraph({ inventory: input.inventory, evaluator: built.value, edges: traffic.edges, window, diagnostics: built.diagnostics });
  process.stdout.write(`${o.json ? JSON.stringify(toAnalyzeJson(graph), null, 2) : renderAnalyzeTable(graph)}\n`);
  return failed ? EXIT_BAD_INPUT : EXIT_OK;
}

const collect = (v: string, acc: string[]) => [...acc, v];

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Classify every observed and every explicitly allowed edge: allowed, unauthorized (denied/unprotected), unused')
    .requiredOption('-i, --input <path...>', 'manifest files or directories (YAML/JSON, kind: List): cluster state and policies')
    .option('-t, --traffic <path...>', 'traffic files or directories (Hubble, Envoy/Istio, Linkerd, NGINX, VPC flow logs, edge lists)', collect, [])
    .option('--from <time>', 'start of the time window (RFC 3339)')
    .option('--to <time>', 'end of the time window (RFC 3339)')
    .option('--format <format>', `traffic format instead of detecting it from content (${FORMAT_NAMES.join(', ')})`)
    .option('--destination <ns/name[:port]>', 'server of server-side logs that do not name it (NGINX, application logs)')
    .option('--envoy-format <format|@file>', ENVOY_FORMAT_HELP)
    .option('--json', 'machine-readable output: { edges, unusedRules, wildcardRules, nodes, summary }')
    .option('-v, --verbose', 'also print info diagnostics (ignored kinds...)')
    .action(async (o: AnalyzeOptions) => {
      try {
        process.exitCode = await runAnalyze(o);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
