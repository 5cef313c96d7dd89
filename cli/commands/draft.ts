import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { DRAFT_KINDS, generateDraft, keepAll, keepNotDenied, renderFiles, renderZip, type DraftKind } from '../../lib/draft';
import { readTrafficFiles } from '../../lib/traffic/node';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { loadInput, reportDiagnostics } from '../input';
import { addTrafficOptions, toTimeWindow, toTrafficReadOptions, type TimeWindowFlags, type TrafficFlags } from '../traffic-options';

interface DraftOptions extends TrafficFlags, TimeWindowFlags {
  input: string[];
  namespace: string[];
  workload: string[];
  kind: string[];
  includeDenied?: boolean;
  out?: string;
  zip?: string;
  verbose?: boolean;
}

const collect = (v: string, acc: string[]) => [...acc, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export function parseKinds(kinds: string[]): DraftKind[] {
  if (kinds.length === 0) return ['networkpolicy'];
  for (const k of kinds) if (!(DRAFT_KINDS as readonly string[]).includes(k)) throw new InputError(`--kind: "${k}" is not one of ${DRAFT_KINDS.join(', ')}`);
  return kinds as DraftKind[];
}

async function runDraft(o: DraftOptions): Promise<number> {
  const kinds = parseKinds(o.kind);
  const window = toTimeWindow(o);
  if (o.namespace.length > 0 && o.workload.length > 0) throw new InputError('--namespace and --workload are exclusive: draft whole namespaces or single workloads');
  const trafficOptions = await toTrafficReadOptions(o);
  const input = await loadInput(o.input);
  const traffic = await readTrafficFiles(o.traffic, input.inventory, trafficOptions);
  const draft = generateDraft({
    inventory: input.inventory,
    edges: traffic.edges,
    kinds,
    scope: { ...(o.namespace.length > 0 ? { namespaces: o.namespace } : {}), ...(o.workload.length > 0 ? { workloads: o.workload } : {}) },
    window,
    keep: o.includeDenied ? keepAll : keepNotDenied,
  });
  const failed = reportDiagnostics([...input.diagnostics, ...traffic.diagnostics, ...draft.diagnostics], o.verbose === true);

  if (o.out) {
    await mkdir(o.out, { recursive: true });
    for (const [name, text] of Object.entries(renderFiles(draft.documents))) await writeFile(path.join(o.out, name), text);
  }
  if (o.zip) await writeFile(o.zip, renderZip(draft.documents));
  if (!o.out && !o.zip) process.stdout.write(draft.yaml);

  const excluded = new Map<string, number>();
  for (const x of draft.excluded) excluded.set(x.reason, (excluded.get(x.reason) ?? 0) + 1);
  const skipped = [...excluded.entries()].map(([reason, n]) => `${n} ${reason}`).join(', ');
  process.stderr.write(
    `eastwest draft: ${draft.documents.length} document(s) (${kinds.join(', ')}) granting ${draft.grants.length} observed edge(s) ` +
      `for ${draft.scope.workloads.length} workload(s)${skipped ? `; not granted: ${skipped}` : ''}${o.out ? `; written to ${o.out}` : ''}${o.zip ? `; zip ${o.zip}` : ''}\n`,
  );
  return failed ? EXIT_BAD_INPUT : EXIT_OK;
}

export function registerDraft(program: Command): void {
  const cmd = program
    .command('draft')
    .description('Draft least-privilege policies that grant exactly the observed traffic (default: NetworkPolicy)')
    .requiredOption('-i, --input <path...>', 'manifest files or directories: cluster state (and current policies)');
  addTrafficOptions(cmd, { window: true })
    .option('-n, --namespace <ns>', 'draft every workload of this namespace, with a default-deny baseline (repeatable, comma list)', collect, [])
    .option('-w, --workload <ns/name>', 'draft only this workload, isolated by its own policies (repeatable, comma list)', collect, [])
    .option('-k, --kind <kind>', `output family: ${DRAFT_KINDS.join(', ')} (repeatable, comma list; default networkpolicy)`, collect, [])
    .option('--include-denied', 'also grant edges that were observed being dropped or denied (default: a blocked attempt is not legitimate traffic)')
    .option('-o, --out <dir>', 'write one YAML file per namespace and a kustomization.yaml into this directory')
    .option('--zip <file>', 'write the same files as a zip archive')
    .option('-v, --verbose', 'also print info diagnostics')
    .action(async (o: DraftOptions) => {
      try {
        process.exitCode = await runDraft(o);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
