import type { Command } from 'commander';
import type { TimeWindow } from '../lib/graph';
import { FORMAT_NAMES, type EnvoyLogFormat, type FormatName } from '../lib/traffic/node';
import { ENVOY_FORMAT_HELP, loadEnvoyFormat } from './envoy-format';
import { InputError } from './exit';

/**
 * The options of every command that reads traffic files, defined once so that their flags, help texts and checks
 * are the same on `analyze`, `draft`, `check`, `blast-radius`, `report`, `alerts`, `diff` and `import`:
 * which files (`-t/--traffic`), how they are parsed (`--format`, `--destination`, `--envoy-format`) and, where the
 * command filters by time, which part of them (`--from/--to`). cli/traffic-options.test.ts holds every command to it.
 */

/** What commander parses from the parse options (strings, unchecked). */
export interface TrafficParseFlags {
  format?: string;
  destination?: string;
  envoyFormat?: string;
}

export interface TrafficFlags extends TrafficParseFlags {
  traffic: string[];
}

export interface TimeWindowFlags {
  from?: string;
  to?: string;
}

/** What the traffic reader (`readTrafficFiles`) and the importer take besides the files themselves. */
export interface TrafficReadOptions {
  format?: FormatName;
  destination?: string;
  envoyFormat?: EnvoyLogFormat;
}

const collect = (v: string, acc: string[]) => [...acc, v];

/** `ns/name` or `ns/name:port`, as the server-side parsers read it (lib/traffic/formats/nginx-json.ts). */
const DESTINATION = /^[^/:\s]+\/[^/:\s]+(:\d+)?$/;

/** `--format`, `--destination`, `--envoy-format`: alone on commands that name their traffic files otherwise (`import`, `diff`). */
export function addTrafficParseOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', `traffic format instead of detecting it from content (${FORMAT_NAMES.join(', ')})`)
    .option('--destination <ns/name[:port]>', 'server of server-side logs that do not name it (NGINX, application logs)')
    .option('--envoy-format <format|@file>', ENVOY_FORMAT_HELP);
}

/** `-t/--traffic` and the parse options; `window` adds `--from/--to` (not where those flags name workloads). */
export function addTrafficOptions(cmd: Command, o: { window?: boolean } = {}): Command {
  cmd.option('-t, --traffic <path...>', 'traffic files or directories (Hubble, Envoy/Istio, Linkerd, NGINX, VPC flow logs, edge lists; gzip too)', collect, []);
  addTrafficParseOptions(cmd);
  if (o.window) cmd.option('--from <time>', 'only traffic seen from this time on (RFC 3339)').option('--to <time>', 'only traffic seen until this time (RFC 3339)');
  return cmd;
}

/**
 * Checks the parse options and compiles `--envoy-format` once for every file: a mistake is a usage error
 * (`InputError`, exit 2) naming the option, before any file is read.
 */
export async function toTrafficReadOptions(o: TrafficParseFlags): Promise<TrafficReadOptions> {
  if (o.format !== undefined && !(FORMAT_NAMES as readonly string[]).includes(o.format)) throw new InputError(`--format: expected one of ${FORMAT_NAMES.join(', ')}`);
  if (o.destination !== undefined && !DESTINATION.test(o.destination)) throw new InputError(`--destination: expected ns/name or ns/name:port, got "${o.destination}"`);
  const envoy = await loadEnvoyFormat(o.envoyFormat);
  return { ...(o.format ? { format: o.format as FormatName } : {}), ...(o.destination ? { destination: o.destination } : {}), ...envoy };
}

/** A time flag: RFC 3339 (or anything `Date.parse` reads), normalised to RFC 3339 UTC. */
function parseTimeFlag(flag: string, s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new InputError(`${flag}: not a time: "${s}" (expected RFC 3339, e.g. 2026-03-12T09:40:00Z)`);
  return new Date(t).toISOString();
}

/** `--from/--to` (or `--<prefix>from/--<prefix>to`, as `diff` names each side's) → a time window, empty when neither is given. */
export function toTimeWindow(o: TimeWindowFlags, prefix = '--'): TimeWindow {
  const from = parseTimeFlag(`${prefix}from`, o.from);
  const to = parseTimeFlag(`${prefix}to`, o.to);
  if (from && to && from > to) throw new InputError(`${prefix}from ${o.from} is after ${prefix}to ${o.to}`);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
