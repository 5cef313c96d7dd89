import type { Command } from 'commander';
import { answerReachQuery, computeMatrix, createEvaluator, type ReachMatrix, type ReachQuery } from '../../lib/policy';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { answerToJson, renderAnswer, renderMatrix } from '../format';
import { loadInput, reportDiagnostics } from '../input';
import { parsePort, parseProtocol, readQueries, toRequest } from '../queries';

interface ReachOptions {
  input: string[];
  from?: string;
  to?: string;
  port?: string;
  protocol?: string;
  queries?: string;
  matrix?: boolean;
  json?: boolean;
  method?: string;
  path?: string;
  header: string[];
  requestPrincipal?: string;
  verbose?: boolean;
}

const collect = (v: string, acc: string[]) => [...acc, v];

function headersOf(list: string[]): Record<string, string> | undefined {
  if (list.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const h of list) {
    const i = h.indexOf('=');
    if (i <= 0) throw new InputError(`--header: expected name=value, got "${h}"`);
    out[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1);
  }
  return out;
}

async function runReach(o: ReachOptions): Promise<number> {
  const modes = [o.queries !== undefined, o.matrix === true, o.from !== undefined || o.to !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new InputError('reach: give either --from/--to/--port, --queries <file>, or --matrix');
  const input = await loadInput(o.input);
  const built = createEvaluator(input.inventory, input.objects);
  const inputErrors = reportDiagnostics([...input.diagnostics, ...built.diagnostics], o.verbose === true);
  const evaluator = built.value;
  const out = (s: string) => process.stdout.write(`${s}\n`);
  let exit = inputErrors ? EXIT_BAD_INPUT : EXIT_OK;

  if (o.matrix) {
    const m = computeMatrix(input.inventory, evaluator);
    if (o.json) await writeMatrixJson(m);
    else out(renderMatrix(m));
    return exit;
  }

  if (o.queries !== undefined) {
    const located = await readQueries(o.queries);
    const results = located.map((l) => {
      if (!l.query) {
        process.stderr.write(`${o.queries}:${l.line}: ${l.error}\n`);
        exit = EXIT_BAD_INPUT;
        return { error: l.error };
      }
      const r = answerReachQuery(input.inventory, evaluator, l.query);
      if (!r.ok) {
        process.stderr.write(`${o.queries}:${l.line}: ${r.error}\n`);
        exit = EXIT_BAD_INPUT;
        return { from: l.query.from, to: l.query.to, port: l.query.port, protocol: l.query.protocol ?? 'TCP', error: r.error };
      }
      return r.value;
    });
    if (o.json) out(JSON.stringify(results.map((r) => ('explanation' in r ? answerToJson(r) : r)), null, 2));
    else for (const r of results) out('explanation' in r ? renderAnswer(r) : `ERROR  ${JSON.stringify(r)}`);
    return exit;
  }

  if (!o.from || !o.to || o.port === undefined) throw new InputError('reach: --from, --to and --port are all required for a single query');
  const request = toRequest({ ...(o.method ? { method: o.method } : {}), ...(o.path ? { path: o.path } : {}), ...(headersOf(o.header) ? { headers: headersOf(o.header)! } : {}), ...(o.requestPrincipal ? { requestPrincipal: o.requestPrincipal } : {}) });
  const protocol = parseProtocol(o.protocol);
  const query: ReachQuery = { from: o.from, to: o.to, port: parsePort(o.port), ...(protocol ? { protocol } : {}), ...(request ? { request } : {}) };
  const r = answerReachQuery(input.inventory, evaluator, query);
  if (!r.ok) throw new InputError(`reach: ${r.error}`);
  out(o.json ? JSON.stringify(answerToJson(r.value), null, 2) : renderAnswer(r.value));
  return exit;
}

/** Streams `{ pods, entries }`, one entry per line: a big cluster has millions of pairs, too many for one string. */
async function writeMatrixJson(m: ReachMatrix): Promise<void> {
  const write = (s: string) => new Promise<void>((resolve) => (process.stdout.write(s) ? resolve() : process.stdout.once('drain', () => resolve())));
  const names = m.pods.map((p) => `${p.namespace}/${p.name}`);
  await write(`{"pods":${JSON.stringify(names)},"entries":[`);
  let chunk: string[] = [];
  let first = true;
  for (let s = 0; s < m.pods.length; s++) {
    for (let t = 0; t < m.targets.length; t++) {
      const target = m.targets[t]!;
      chunk.push(`${first ? '' : ','}\n${JSON.stringify({ from: names[s], to: names[target.pod], port: target.port, protocol: target.protocol, allowed: m.isAllowed(s, t) })}`);
      first = false;
      if (chunk.length >= 10_000) {
        await write(chunk.join(''));
        chunk = [];
      }
    }
  }
  await write(`${chunk.join('')}\n]}\n`);
}

export function registerReach(program: Command): void {
  program
    .command('reach')
    .description('Whether one endpoint may reach another (or all pairs with --matrix), with the rules that decide it')
    .requiredOption('-i, --input <path...>', 'manifest files or directories (YAML/JSON, kind: List): cluster state and policies')
    .option('--from <name>', 'source: <namespace>/<pod or workload> or ip:<address>')
    .option('--to <name>', 'destination: <namespace>/<pod, workload or service> or ip:<address>')
    .option('--port <port>', 'destination pod port (a number or a container port name); a Service port when --to names a Service')
    .option('--protocol <protocol>', 'TCP, UDP or SCTP (default: TCP, or the named port\'s protocol)')
    .option('--queries <file>', 'JSON array of {from, to, port, protocol?, method?, path?, headers?, requestPrincipal?}')
    .option('--matrix', 'reachability of all pods to every port they expose')
    .option('--json', 'machine-readable output')
    .option('--method <method>', 'HTTP method of the request (mesh layers)')
    .option('--path <path>', 'HTTP path of the request (mesh layers)')
    .option('--header <name=value>', 'HTTP request header, repeatable (mesh layers)', collect, [])
    .option('--request-principal <iss/sub>', 'JWT principal of the request (mesh layers)')
    .option('-v, --verbose', 'also print info diagnostics (ignored kinds...)')
    .action(async (o: ReachOptions) => {
      try {
        process.exitCode = await runReach(o);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
