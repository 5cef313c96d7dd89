import type { Command } from 'commander';
import { classifyGraph } from '../../lib/graph';
import { createEvaluator } from '../../lib/policy';
import { readTrafficFiles } from '../../lib/traffic/node';
import { toAnalyzeJson, renderAnalyzeTable } from '../analyze-output';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { loadInput, reportDiagnostics } from '../input';
import { addTrafficOptions, toTimeWindow, toTrafficReadOptions, type TimeWindowFlags, type TrafficFlags } from '../traffic-options';

interface AnalyzeOptions extends TrafficFlags, TimeWindowFlags {
  input: string[];
  json?: boolean;
  verbose?: boolean;
}

async function runAnalyze(o: AnalyzeOptions): Promise<number> {
  const window = toTimeWindow(o);
  const trafficOptions = await toTrafficReadOptions(o);
  const input = await loadInput(o.input);
  const built = createEvaluator(input.inventory, input.objects);
  const traffic = o.traffic.length ? await readTrafficFiles(o.traffic, input.inventory, trafficOptions) : { edges: [], diagnostics: [] };
  const failed = reportDiagnostics([...input.diagnostics, ...built.diagnostics, ...traffic.diagnostics], o.verbose === true);
  const graph = classifyGraph({ inventory: input.inventory, evaluator: built.value, edges: traffic.edges, window, diagnostics: built.diagnostics });
  process.stdout.write(`${o.json ? JSON.stringify(toAnalyzeJson(graph), null, 2) : renderAnalyzeTable(graph)}\n`);
  return failed ? EXIT_BAD_INPUT : EXIT_OK;
}

export function registerAnalyze(program: Command): void {
  const cmd = program
    .command('analyze')
    .description('Classify every observed and every explicitly allowed edge: allowed, unauthorized (denied/unprotected), unused')
    .requiredOption('-i, --input <path...>', 'manifest files or directories (YAML/JSON, kind: List): cluster state and policies');
  addTrafficOptions(cmd, { window: true })
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
