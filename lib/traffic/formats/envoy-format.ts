import type { Diagnostic } from '../../model/diagnostics';
import type { EnvoyEntry } from './envoy-entry';
import { LONG_RESPONSE_FLAGS, operatorAt, operatorMeaning, type EnvoySlot, type EnvoySlots } from './envoy-operators';
import { num, str } from './util';

/**
 * A user's Envoy access-log format compiled once into a line parser.
 *
 * Text formats (Envoy `text_format_source`, Istio `logFormat.text` / `meshConfig.accessLogFormat`) become a list
 * of literals and operators; a line is read left to right, each operator's value running up to the next literal
 * (Envoy writes `-` for empty values, so values are never empty and rarely hold the literal that follows).
 * JSON formats (Envoy `json_format`, Istio `logFormat.labels`) map each key to the operator(s) of its value.
 * Upstream: envoyproxy/envoy docs/root/configuration/observability/access_log/usage.rst ("Format Strings",
 * "Format Dictionaries"); istio/istio pilot/pkg/model/telemetry_logging.go (how Istio builds both).
 */

type Piece = { literal: string; op?: undefined; slot?: undefined } | { literal?: undefined; op: string; slot: EnvoySlot | null };

export interface CompiledTextFormat {
  /** Where the format was read, `file:line`, for per-line reasons. */
  origin: string;
  pieces: Piece[];
}

export interface CompiledJsonField {
  /** Key path in the logged object (format dictionaries may nest). */
  path: string[];
  /** The value is exactly one operator: its slot. */
  single?: EnvoySlot;
  /** Otherwise the value is a small text format of its own (`"%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%:%DOWNSTREAM_REMOTE_PORT%"`). */
  pieces?: Piece[];
}

export interface EnvoyLogFormat {
  /** Text formats, tried in order on each line; empty = Istio's default text format only. */
  text: CompiledTextFormat[];
  /** JSON keys; undefined = Istio's default JSON keys only. */
  json?: CompiledJsonField[];
  /**
   * What compiling found (operators ignored, missing fields), with the format's file and line: added once to the
   * diagnostics of every Envoy file read with this format, where they explain what is missing from its edges.
   */
  diagnostics: Diagnostic[];
}

export interface FormatOrigin {
  file: string;
  line: number;
}

const countNewlines = (s: string, end: number): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** Cuts a format into literals and operators, reporting unknown operators once each (file and line of the format). */
function compilePieces(format: string, origin: FormatOrigin, diagnostics: Diagnostic[], reported: Set<string>): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct === -1) {
      literal += format.slice(i);
      break;
    }
    literal += format.slice(i, pct);
    const op = operatorAt(format, pct);
    if (!op) {
      literal += '%'; // a `%` that starts no operator is plain text
      i = pct + 1;
      continue;
    }
    i = op.end;
    const line = origin.line + countNewlines(format, pct);
    const meaning = operatorMeaning(op);
    if ('unknown' in meaning && !reported.has(op.text)) {
      reported.add(op.text);
      diagnostics.push({ severity: 'warning', code: 'envoy-format-operator-ignored', message: `${meaning.unknown}: ignored`, file: origin.file, line });
    }
    const slot = 'slot' in meaning ? meaning.slot : null;
    const prev = pieces[pieces.length - 1];
    if (!literal && prev?.op !== undefined) {
      // Two operators with nothing between them cannot be split: the first takes the whole value.
      if (slot) diagnostics.push({ severity: 'warning', code: 'envoy-format-operator-ignored', message: `${op.text} follows ${prev.op} with no text between them, so its value cannot be told apart: ignored`, file: origin.file, line });
      continue;
    }
    if (literal) pieces.push({ literal });
    literal = '';
    pieces.push({ op: op.text, slot });
  }
  if (literal) pieces.push({ literal });
  return pieces;
}

/**
 * Reads `line` with `pieces` into `slots`; returns why it does not match, or undefined.
 * Each operator's value runs to the next occurrence of the literal after it (no backtracking: linear time).
 */
function readPieces(pieces: readonly Piece[], line: string, slots: EnvoySlots): string | undefined {
  let pos = 0;
  let lastOp = '';
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    if (p.literal !== undefined) {
      if (!line.startsWith(p.literal, pos)) return `expected ${JSON.stringify(p.literal)} at column ${pos + 1}${lastOp ? ` after ${lastOp}` : ''}`;
      pos += p.literal.length;
      continue;
    }
    lastOp = p.op;
    const next = pieces[i + 1];
    const end = next?.literal === undefined ? line.length : line.indexOf(next.literal, pos);
    if (end === -1) return `no ${JSON.stringify(next?.literal)} after ${p.op} (from column ${pos + 1})`;
    if (p.slot) slots[p.slot] = line.slice(pos, end);
    pos = end;
  }
  return pos === line.length ? undefined : `unexpected text at column ${pos + 1}, after the end of the format`;
}

/** The slots a format fills, to warn when it cannot give what every entry needs. */
function checkSlots(slots: Set<EnvoySlot>, origin: FormatOrigin, what: string, diagnostics: Diagnostic[]): void {
  const missing: string[] = [];
  if (!slots.has('startTime')) missing.push('%START_TIME%');
  if (!slots.has('downstreamRemoteAddress') && !slots.has('downstreamRemoteIp') && !slots.has('downstreamDirectRemoteAddress')) missing.push('%DOWNSTREAM_REMOTE_ADDRESS%');
  if (missing.length) {
    diagnostics.push({ severity: 'warning', code: 'envoy-format-incomplete', message: `${what} has no ${missing.join(' or ')}: its entries cannot be imported`, file: origin.file, line: origin.line });
  }
  const hasServer = ['downstreamLocalAddress', 'downstreamLocalIp', 'upstreamHost', 'upstreamRemoteAddress', 'upstreamRemoteIp', 'upstreamCluster'].some((s) => slots.has(s as EnvoySlot));
  if (!hasServer) {
    diagnostics.push({ severity: 'warning', code: 'envoy-format-incomplete', message: `${what} has no %DOWNSTREAM_LOCAL_ADDRESS%, %UPSTREAM_HOST% or %UPSTREAM_CLUSTER_RAW%: the server of its entries is unknown`, file: origin.file, line: origin.line });
  }
}

const slotsOf = (pieces: readonly Piece[]): EnvoySlot[] => pieces.flatMap((p) => (p.slot ? [p.slot] : []));

/** Istio appends a newline to every format (telemetry_logging.go fileAccessLogFormat); lines carry none. */
const withoutTrailingNewline = (s: string): string => s.replace(/(\\n|\r?\n)+$/, '');

/** Compiles one text format; undefined (with an error) when it cannot read any line. */
export function compileEnvoyTextFormat(format: string, origin: FormatOrigin, diagnostics: Diagnostic[], reported = new Set<string>()): CompiledTextFormat | undefined {
  const text = withoutTrailingNewline(format);
  if (/\r?\n/.test(text)) {
    diagnostics.push({ severity: 'error', code: 'envoy-format-invalid', message: 'the access log format spans several lines: each log line must be one entry', file: origin.file, line: origin.line });
    return undefined;
  }
  const pieces = compilePieces(text, origin, diagnostics, reported);
  const slots = new Set(slotsOf(pieces));
  if (slots.size === 0) {
    diagnostics.push({ severity: 'error', code: 'envoy-format-invalid', message: 'the access log format has no command operator Eastwest reads (%START_TIME%, %DOWNSTREAM_REMOTE_ADDRESS%, ...)', file: origin.file, line: origin.line });
    return undefined;
  }
  checkSlots(slots, origin, 'the text format', diagnostics);
  return { origin: `${origin.file}:${origin.line}`, pieces };
}

/**
 * Compiles a format dictionary (`{ key: "%OPERATOR%" }`, nested objects allowed). `lineOf` gives the line of a
 * key path in the source when known.
 */
export function compileEnvoyJsonFormat(
  labels: Record<string, unknown>,
  origin: FormatOrigin,
  diagnostics: Diagnostic[],
  lineOf: (path: readonly string[]) => number | undefined = () => undefined,
  reported = new Set<string>(),
): CompiledJsonField[] {
  const fields: CompiledJsonField[] = [];
  const visit = (o: Record<string, unknown>, path: string[]): void => {
    for (const [key, value] of Object.entries(o)) {
      const p = [...path, key];
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        visit(value as Record<string, unknown>, p);
        continue;
      }
      if (typeof value !== 'string') continue;
      const pieces = compilePieces(value, { file: origin.file, line: lineOf(p) ?? origin.line }, diagnostics, reported);
      if (!pieces.some((x) => x.slot)) continue;
      const only = pieces.length === 1 ? pieces[0] : undefined;
      fields.push(only?.slot ? { path: p, single: only.slot } : { path: p, pieces });
    }
  };
  visit(labels, []);
  const slots = new Set(fields.flatMap((f) => (f.single ? [f.single] : slotsOf(f.pieces ?? []))));
  checkSlots(slots, origin, 'the JSON format', diagnostics);
  return fields;
}

/** Reads one text line with the first format that matches; the reason of the first format otherwise. */
export function readTextLine(formats: readonly CompiledTextFormat[], line: string): { entry: EnvoyEntry } | { reason: string } {
  let first: string | undefined;
  for (const f of formats) {
    const slots: EnvoySlots = {};
    const reason = readPieces(f.pieces, line, slots);
    if (reason === undefined) return { entry: entryFromSlots(slots) };
    first ??= formats.length > 1 ? `${reason} (format ${f.origin})` : reason;
  }
  return { reason: `does not match the access log format: ${first ?? 'no format'}` };
}

/** Reads one JSON object with compiled keys; values that do not fit a composite key's format are left out. */
export function readJsonObject(fields: readonly CompiledJsonField[], o: Record<string, unknown>): EnvoyEntry {
  const slots: EnvoySlots = {};
  for (const f of fields) {
    let v: unknown = o;
    for (const k of f.path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
    // typed_json_format renders numbers as numbers and unset values as null.
    const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    if (s === undefined) continue;
    if (f.single) slots[f.single] = s;
    else if (f.pieces) readPieces(f.pieces, s, slots);
  }
  return entryFromSlots(slots);
}

const LOCATING_SLOT = /^(downstreamRemote|downstreamLocal|upstreamCluster|upstreamHost)/;

/** Whether an object carries any key of the format that locates a connection (for detection). */
export function jsonMatchesFormat(fields: readonly CompiledJsonField[], o: Record<string, unknown>): boolean {
  return fields.some((f) => f.path[0] !== undefined && f.path[0] in o && LOCATING_SLOT.test(f.single ?? ''));
}

/** `ip` + `port` from `_WITHOUT_PORT` and `_PORT` operators (IPv6 bracketed), when the full address is not logged. */
function joinAddress(full: string | undefined, ip: string | undefined, port: string | undefined): string | undefined {
  const f = str(full);
  if (f) return f.includes('://') ? f.slice(f.indexOf('://') + 3) : f;
  const i = str(ip);
  if (!i) return undefined;
  return `${i.includes(':') ? `[${i}]` : i}:${str(port) ?? '0'}`;
}

/** `%START_TIME(%s)%`, `%START_TIME(%s.%3f)%`: seconds since the epoch. */
const EPOCH = /^\d{9,}(\.\d+)?$/;

/** `%DOWNSTREAM_PEER_URI_SAN%` lists every URI SAN, comma-separated: the SPIFFE one names the workload. */
function spiffeOf(s: string | undefined): string | undefined {
  const v = str(s);
  if (!v || !v.includes(',')) return v;
  return v.split(',').map((x) => x.trim()).find((x) => x.startsWith('spiffe://')) ?? v;
}

export function entryFromSlots(s: EnvoySlots): EnvoyEntry {
  const start = str(s.startTime);
  const longFlags = str(s.responseFlagsLong);
  return {
    startTime: start && EPOCH.test(start) ? new Date(Number(start) * 1000).toISOString() : start,
    method: str(s.method),
    path: str(s.path),
    protocol: str(s.protocol),
    responseCode: num(s.responseCode),
    responseFlags: str(s.responseFlags) ?? (longFlags ? longFlags.split(',').map((f) => LONG_RESPONSE_FLAGS[f] ?? f).join(',') : undefined),
    responseCodeDetails: str(s.responseCodeDetails),
    connectionTerminationDetails: str(s.connectionTerminationDetails),
    grpcStatus: str(s.grpcStatus),
    bytesReceived: num(s.bytesReceived),
    bytesSent: num(s.bytesSent),
    duration: num(s.duration),
    upstreamHost: joinAddress(s.upstreamHost, undefined, undefined) ?? joinAddress(s.upstreamRemoteAddress, s.upstreamRemoteIp, s.upstreamRemotePort),
    upstreamCluster: str(s.upstreamCluster),
    upstreamLocalAddress: joinAddress(s.upstreamLocalAddress, s.upstreamLocalIp, s.upstreamLocalPort),
    downstreamLocalAddress: joinAddress(s.downstreamLocalAddress, s.downstreamLocalIp, s.downstreamLocalPort),
    downstreamRemoteAddress: joinAddress(s.downstreamRemoteAddress, s.downstreamRemoteIp, s.downstreamRemotePort) ?? joinAddress(s.downstreamDirectRemoteAddress, undefined, undefined),
    requestedServerName: str(s.requestedServerName),
    downstreamPeerUriSan: spiffeOf(s.downstreamPeerUriSan),
    upstreamPeerUriSan: spiffeOf(s.upstreamPeerUriSan),
  };
}
