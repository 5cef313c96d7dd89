import { PROTOCOLS, type Protocol } from '../../model/kubernetes';
import type { CountUnit, ObservedRuleRef, TrafficRecord } from '../model';
import { normalizeTime } from './util';

/**
 * The canonical edge list (fixtures/boutique/README.md §5), also Eastwest's own export:
 * required `source, destination, port, protocol, count, first_seen, last_seen`; optional `method, path,
 * app_protocol, count_unit, verdict, observed_by, bytes, source_ip, destination_ip`, and the lossless
 * export columns `verdicts` (`forwarded=3;dropped:POLICY_DENIED=1`), `denied_by`/`allowed_by`
 * (`Kind/ns/name;Kind/name`). Endpoint names are used as given (workload `ns/name`, `ip:…`, `node:…`, `world`).
 */
export const EDGE_REQUIRED_COLUMNS = ['source', 'destination', 'port', 'protocol', 'count', 'first_seen', 'last_seen'] as const;
export const EDGE_OPTIONAL_COLUMNS = ['method', 'path', 'app_protocol', 'count_unit', 'verdict', 'verdicts', 'observed_by', 'bytes', 'denied_by', 'allowed_by'] as const;

const COUNT_UNITS: readonly CountUnit[] = ['requests', 'connections', 'connection_attempts', 'flows'];

export function formatRuleRefs(refs: ObservedRuleRef[]): string {
  return refs.map((r) => [r.kind, r.namespace, r.name].filter((x) => x !== undefined).join('/') + (r.direction ? `#${r.direction}` : '')).join(';');
}

export function parseRuleRefs(s: string): ObservedRuleRef[] {
  return s
    .split(';')
    .filter(Boolean)
    .map((item) => {
      const [id = '', direction] = item.split('#');
      const parts = id.split('/');
      const ref: ObservedRuleRef = parts.length >= 3 ? { kind: parts[0] ?? '', namespace: parts[1], name: parts.slice(2).join('/') } : { kind: parts[0] ?? '', name: parts[1] ?? '' };
      if (direction === 'ingress' || direction === 'egress') ref.direction = direction;
      return ref;
    });
}

export function formatVerdicts(v: Record<string, number>): string {
  return Object.entries(v)
    .map(([k, n]) => `${k}=${n}`)
    .join(';');
}

function parseVerdicts(s: string): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const item of s.split(';').filter(Boolean)) {
    const i = item.lastIndexOf('=');
    const n = Number(item.slice(i + 1));
    if (i <= 0 || !Number.isInteger(n) || n < 0) return undefined;
    out[item.slice(0, i)] = n;
  }
  return out;
}

export type EdgeRowResult = { ok: true; record: TrafficRecord } | { ok: false; message: string };

/** One row (CSV cells by column name, or a JSONL object with values as strings/numbers) → a pre-resolved record. */
export function edgeRowToRecord(row: Record<string, unknown>, line: number): EdgeRowResult {
  for (const c of EDGE_REQUIRED_COLUMNS) {
    if (row[c] === undefined || row[c] === '' || row[c] === null) return { ok: false, message: `missing column ${c}` };
  }
  const s = (k: string) => (row[k] === undefined || row[k] === null || row[k] === '' ? undefined : String(row[k]));
  const port = Number(row.port);
  const count = Number(row.count);
  const protocol = String(row.protocol).toUpperCase() as Protocol;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: `invalid port ${String(row.port)}` };
  if (!Number.isInteger(count) || count < 0) return { ok: false, message: `invalid count ${String(row.count)}` };
  if (!PROTOCOLS.includes(protocol)) return { ok: false, message: `invalid protocol ${String(row.protocol)}` };
  const first = normalizeTime(String(row.first_seen));
  const last = normalizeTime(String(row.last_seen));
  if (!first || !last) return { ok: false, message: 'first_seen/last_seen must be RFC 3339 times' };
  const unit = s('count_unit') ?? 'flows';
  if (!COUNT_UNITS.includes(unit as CountUnit)) return { ok: false, message: `invalid count_unit ${unit}` };
  let verdicts: Record<string, number> = {};
  const vs = s('verdicts');
  if (vs) {
    const parsed = parseVerdicts(vs);
    if (!parsed) return { ok: false, message: `invalid verdicts ${vs}` };
    verdicts = parsed;
  } else if (s('verdict')) verdicts = { [s('verdict') as string]: count };
  const record: TrafficRecord = {
    line,
    source: { endpoint: String(row.source) },
    destination: { endpoint: String(row.destination) },
    port,
    protocol,
    count,
    countUnit: unit as CountUnit,
    time: first,
    endTime: last,
    verdict: '',
    observedBy: '',
  };
  const method = s('method');
  const path = s('path');
  const app = s('app_protocol');
  const bytes = s('bytes');
  if (method) record.method = method;
  if (path) record.path = path;
  if (app) record.appProtocol = app;
  if (bytes !== undefined) {
    const b = Number(bytes);
    if (!Number.isFinite(b) || b < 0) return { ok: false, message: `invalid bytes ${bytes}` };
    record.bytes = b;
  }
  const denied = s('denied_by');
  const allowed = s('allowed_by');
  if (denied) record.deniedBy = parseRuleRefs(denied);
  if (allowed) record.allowedBy = parseRuleRefs(allowed);
  const observedBy = (s('observed_by') ?? 'edge-list')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  record.verdictCounts = verdicts;
  record.observers = observedBy;
  return { ok: true, record };
}
