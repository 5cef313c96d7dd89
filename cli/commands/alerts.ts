import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { analyzeSnapshot, buildAlertRules, renderAlertRules } from '../../lib/findings';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { addTrafficOptions, toTrafficReadOptions, type TrafficFlags } from '../traffic-options';
import { loadSnapshotSource, toSnapshotSource } from './diff';

interface AlertsOptions extends TrafficFlags {
  input: string[];
  name?: string;
  namespace?: string;
  label: string[];
  out?: string;
  verbose?: boolean;
}

function parseLabels(values: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const v of values) {
    const m = /^([A-Za-z0-9_./-]+)=(.*)$/.exec(v);
    if (!m) throw new InputError(`--label: expected key=value, got "${v}"`);
    labels[m[1]!] = m[2]!;
  }
  return labels;
}

async function runAlerts(o: AlertsOptions): Promise<number> {
  const labels = parseLabels(o.label);
  const trafficOptions = await toTrafficReadOptions(o);
  const source = await loadSnapshotSource(toSnapshotSource('input', o.input, o.traffic, '--traffic'), o.verbose === true, trafficOptions);
  if (source.failed) return EXIT_BAD_INPUT;
  const rule = buildAlertRules({ graph: analyzeSnapshot(source.input).graph, ...(o.name ? { name: o.name } : {}), ...(o.namespace ? { namespace: o.namespace } : {}), labels });
  const yaml = renderAlertRules(rule);
  if (o.out) await writeFile(o.out, yaml);
  else process.stdout.write(yaml);
  return EXIT_OK;
}

const collect = (v: string, acc: string[]) => [...acc, v];

export function registerAlerts(program: Command): void {
  const cmd = program
    .command('alerts')
    .description('Prometheus Operator PrometheusRule: denied (403) request rate per destination, and callers not seen in this baseline (the observed, not blocked, callers of --traffic are the known ones)')
    .requiredOption('-i, --input <path...>', 'baseline manifest files or directories, or snapshot:<name>');
  addTrafficOptions(cmd)
    .option('--name <name>', 'metadata.name (default eastwest-findings)')
    .option('--namespace <ns>', 'metadata.namespace')
    .option('--label <key=value...>', 'metadata labels (the operator\'s ruleSelector, e.g. release=prometheus)', collect, [])
    .option('-o, --out <file>', 'write the YAML here instead of stdout')
    .option('-v, --verbose', 'also print info diagnostics')
    .action(async (o: AlertsOptions) => {
      try {
        process.exitCode = await runAlerts(o);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
