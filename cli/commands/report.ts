import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DRAFT_KINDS, generateDraft, type DraftKind } from '../../lib/draft';
import { analyzeSnapshot, compareSnapshots, computeFindings, renderReportHtml } from '../../lib/findings';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { addTrafficOptions, toTrafficReadOptions, type TrafficFlags } from '../traffic-options';
import { loadSnapshotSource, toSnapshotSource } from './diff';

interface ReportOptions extends TrafficFlags {
  input: string[];
  baseline: string[];
  baselineInput: string[];
  baselineTraffic: string[];
  environment?: string;
  title?: string;
  kind: string[];
  out: string;
  verbose?: boolean;
}

async function runReport(o: ReportOptions): Promise<number> {
  const kinds = o.kind.length ? o.kind : ['networkpolicy'];
  for (const k of kinds) if (!(DRAFT_KINDS as readonly string[]).includes(k)) throw new InputError(`--kind: expected one of ${DRAFT_KINDS.join(', ')}, got "${k}"`);
  const trafficOptions = await toTrafficReadOptions(o);
  const current = await loadSnapshotSource(toSnapshotSource('input', o.input, o.traffic, '--traffic'), o.verbose === true, trafficOptions);
  const baselinePaths = [...o.baseline, ...o.baselineInput];
  const baseline = baselinePaths.length ? await loadSnapshotSource(toSnapshotSource('baseline', baselinePaths, o.baselineTraffic), o.verbose === true, trafficOptions) : null;
  if (current.failed || baseline?.failed) return EXIT_BAD_INPUT;
  const analyzed = analyzeSnapshot(current.input);
  const findings = computeFindings(analyzed, { environment: { ...(o.environment ? { fallback: o.environment } : {}) } });
  const draft = generateDraft({ inventory: current.input.inventory, edges: current.input.edges, kinds: kinds as DraftKind[] });
  const html = renderReportHtml({
    findings,
    title: o.title ?? current.label,
    ...(o.environment ? { snapshot: { name: o.title ?? current.label, environment: o.environment } } : {}),
    comparison: baseline ? compareSnapshots(analyzeSnapshot(baseline.input), analyzed) : null,
    ...(baseline ? { baselineName: baseline.label } : {}),
    draftYaml: draft.yaml,
    generatedAt: new Date().toISOString(),
  });
  await writeFile(o.out, html);
  process.stderr.write(`eastwest report: wrote ${o.out} (${findings.analyzed.graph.summary.edges} edges, ${findings.environmentLeaks.length} environment leaks)\n`);
  return EXIT_OK;
}

const collect = (v: string, acc: string[]) => [...acc, v];

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('Write a self-contained HTML report (print it to PDF from a browser): graph, unauthorized/unused edges, riskiest workloads, environment leaks, new callers, drafted policies')
    .requiredOption('-i, --input <path...>', 'manifest files or directories (cluster state and policies), or snapshot:<name>');
  addTrafficOptions(cmd)
    .option('--baseline <path|snapshot:name...>', 'baseline manifests or snapshot:<name>, for the "new callers" section', collect, [])
    .option('--baseline-input <path...>', 'more baseline manifest files', collect, [])
    .option('--baseline-traffic <path...>', 'baseline traffic files or directories (read with the same --format, --destination, --envoy-format)', collect, [])
    .option('--environment <env>', 'environment of namespaces that no label or name prefix places (e.g. prod)')
    .option('--title <title>', 'report title (default: the input paths)')
    .option('--kind <kind...>', `drafted policy families (${DRAFT_KINDS.join(', ')}; default networkpolicy)`, collect, [])
    .requiredOption('-o, --out <file>', 'the HTML file to write')
    .option('-v, --verbose', 'also print info diagnostics')
    .action(async (o: ReportOptions) => {
      try {
        process.exitCode = await runReport(o);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
