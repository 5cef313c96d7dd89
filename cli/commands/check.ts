import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { keepAll, keepNotDenied, simulateDraft, type SimulatedEdge, type SimulationMode } from '../../lib/draft';
import { loadManifestPaths } from '../../lib/manifest';
import { countText } from '../../lib/traffic/count-text';
import { readTrafficFiles } from '../../lib/traffic/node';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../exit';
import { loadInput, reportDiagnostics } from '../input';
import { addTrafficOptions, toTrafficReadOptions, type TrafficFlags } from '../traffic-options';

/** `check` only: observed traffic would break under the proposed policies (a pull-request gate fails). */
export const EXIT_WOULD_BREAK = 1;

interface CheckOptions extends TrafficFlags {
  input: string[];
  policies: string[];
  mode: string;
  json?: boolean;
  includeDenied?: boolean;
  verbose?: boolean;
}

function toJson(e: SimulatedEdge) {
  return {
    source: e.edge.source,
    destination: e.edge.destination,
    port: e.edge.port,
    protocol: e.edge.protocol,
    ...(e.edge.method ? { method: e.edge.method } : {}),
    ...(e.edge.pathTemplate ? { path: e.edge.pathTemplate } : {}),
    count: e.edge.count,
    lastSeen: e.edge.lastSeen,
    before: e.before,
    after: e.after,
    explanation: e.verdictAfter?.summary ?? e.reason ?? null,
  };
}

/** One observed edge: what was seen, and its verdict under today's policies and under the proposal. */
const line = (e: SimulatedEdge) =>
  `  ${e.edge.source} -> ${e.edge.destination} ${e.edge.port}/${e.edge.protocol}${e.edge.method ? ` ${e.edge.method}` : ''}${e.edge.pathTemplate ? ` ${e.edge.pathTemplate}` : ''} ` +
  `(${countText(e.edge.count, e.edge.countUnit)} observed, last ${e.edge.lastSeen}; today ${e.before}, proposed ${e.after})\n    ${e.verdictAfter?.summary ?? e.reason ?? ''}`;

const KUSTOMIZATION = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * The proposed policy files: a GitOps directory usually holds a kustomization.yaml next to the manifests
 * (as `eastwest draft --out` writes it); it is build configuration, not a resource, so it is skipped.
 */
async function policyFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st?.isDirectory()) {
      out.push(p); // missing files are reported by the manifest loader
      continue;
    }
    const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || KUSTOMIZATION.has(e.name)) continue;
      if (e.isDirectory()) out.push(...(await policyFiles([path.join(p, e.name)])));
      else if (e.isFile() && /\.(ya?ml|json)$/i.test(e.name)) out.push(path.join(p, e.name));
    }
  }
  return out;
}

async function runCheck(o: CheckOptions): Promise<number> {
  if (o.mode !== 'replace' && o.mode !== 'add') throw new InputError('--mode: expected replace or add');
  const trafficOptions = await toTrafficReadOptions(o);
  const input = await loadInput(o.input);
  const proposed = await loadManifestPaths(await policyFiles(o.policies));
  const traffic = await readTrafficFiles(o.traffic, input.inventory, trafficOptions);
  const sim = simulateDraft({
    inventory: input.inventory,
    currentObjects: input.objects,
    draftObjects: proposed.value,
    edges: traffic.edges,
    mode: o.mode as SimulationMode,
    keep: o.includeDenied ? keepAll : keepNotDenied,
  });
  const failed = reportDiagnostics([...input.diagnostics, ...proposed.diagnostics, ...traffic.diagnostics, ...sim.diagnostics], o.verbose === true);
  if (failed) return EXIT_BAD_INPUT;
  const breaks = sim.deniedAfter.length > 0;
  if (o.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          result: breaks ? 'would-break' : 'ok',
          wouldDeny: sim.deniedAfter.map(toJson),
          unauthorizedStillAllowed: sim.stillAllowed.map(toJson),
          unauthorizedBlocked: sim.blocked.map(toJson),
          unknown: sim.unknown.map(toJson),
          summary: {
            observed: sim.edges.length,
            legitimate: sim.edges.filter((e) => e.legitimate).length,
            wouldDeny: sim.deniedAfter.length,
            wouldBreak: sim.wouldBreak.length,
            unauthorizedBlocked: sim.blocked.length,
            unauthorizedStillAllowed: sim.stillAllowed.length,
            unknown: sim.unknown.length,
          },
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const out: string[] = [];
    // Counts are edges (one source -> destination port/protocol each), not connections: an edge aggregates many.
    out.push(breaks ? `FAIL: the proposed policies would deny ${sim.deniedAfter.length} observed legitimate edge(s):` : 'OK: the proposed policies allow every observed legitimate edge.');
    out.push(...sim.deniedAfter.map(line));
    out.push(`Unauthorized attempts still allowed: ${sim.stillAllowed.length}`, ...sim.stillAllowed.map(line));
    out.push(`Unauthorized attempts blocked: ${sim.blocked.length}`, ...sim.blocked.map(line));
    if (sim.unknown.length > 0) out.push(`Not evaluated (no address to ask about): ${sim.unknown.length}`, ...sim.unknown.map(line));
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return breaks ? EXIT_WOULD_BREAK : EXIT_OK;
}

export function registerCheck(program: Command): void {
  const cmd = program
    .command('check')
    .description('Gate proposed policies on observed traffic: exit 1 when they would deny observed legitimate traffic')
    .requiredOption('-i, --input <path...>', 'manifest files or directories: cluster state and the policies in force')
    .requiredOption('-p, --policies <path...>', 'the proposed policies (files or directories)');
  addTrafficOptions(cmd)
    .option('--mode <mode>', 'replace: the proposed policies replace the current ones of their kinds in their namespaces; add: both apply', 'replace')
    .option('--include-denied', 'treat observed blocked attempts as legitimate traffic too')
    .option('--json', 'machine-readable output')
    .option('-v, --verbose', 'also print info diagnostics')
    .action(async (o: CheckOptions) => {
      try {
        process.exitCode = await runCheck(o);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
