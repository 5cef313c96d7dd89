import type { Diagnostic } from '../model/diagnostics';
import type { Inventory } from '../model/kubernetes';
import { EdgeAggregator } from './aggregate/aggregator';
import { DETECT_BYTES, detectFormat } from './detect';
import type { EnvoyLogFormat } from './formats/envoy-format';
import { FORMAT_DESCRIPTIONS, FORMATS } from './formats/registry';
import type { ParserSink } from './formats/types';
import { maybeGunzip } from './io/gzip';
import { splitJsonObjects } from './io/json-object-splitter';
import { readLines } from './io/line-reader';
import { toChunks, type TrafficInput } from './io/to-chunks';
import { BAD_RECORD_REASONS, FORMAT_NAMES, type FormatName, type TrafficImportCounts, type TrafficImportResult } from './model';
import { createTrafficResolver, type TrafficResolver } from './resolve/resolver';

export interface ImportTrafficOptions {
  /** Shown in diagnostics; the format is detected from content, never from this name. */
  fileName: string;
  inventory: Inventory;
  /** Skip detection. */
  format?: FormatName;
  /** `ns/name[:port]` for server-side logs that do not name their server (NGINX, application logs). */
  destination?: string;
  /** The user's Envoy access-log format(s) (`readEnvoyLogFormat`): read Envoy/Istio logs written in a custom format. */
  envoyFormat?: EnvoyLogFormat;
  /**
   * Fail the import when too many records are bad (invalid JSON, wrong fields): a fraction of the records
   * read when below 1 (checked at the end), else an absolute number (the import stops once it is exceeded).
   */
  badRecordThreshold?: number;
  /** Time for records without one (Linkerd tap); default: now. */
  defaultTime?: string;
  /** How many bad records are listed one by one in diagnostics (the rest are counted). Default 100. */
  maxListedBadRecords?: number;
  onProgress?: (p: { bytes: number; records: number }) => void;
  /** Reuse one resolver for several files of the same inventory. */
  resolver?: TrafficResolver;
}

const PROGRESS_EVERY = 10_000;

/** Reads the first chunks (bounded by DETECT_BYTES) without losing them, then continues the stream. */
async function peek(chunks: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < DETECT_BYTES) {
    const n = await it.next();
    if (n.done) {
      done = true;
      break;
    }
    parts.push(n.value);
    size += n.value.length;
  }
  const head = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    head.set(p, off);
    off += p.length;
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  return { head, rest: rest() };
}

async function* countBytes(chunks: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    counter.bytes += c.length;
    yield c;
  }
}

export interface ImportState {
  resolver: TrafficResolver;
  aggregator: EdgeAggregator;
}

export interface FileImportSummary {
  format: FormatName | null;
  counts: TrafficImportCounts;
  diagnostics: Diagnostic[];
  failed: boolean;
}

/** Imports one input into shared state (several files of one snapshot aggregate into the same edges). */
export async function importInto(input: TrafficInput, options: ImportTrafficOptions, state: ImportState): Promise<FileImportSummary> {
  const file = options.fileName;
  const diagnostics: Diagnostic[] = [];
  const counts: TrafficImportCounts = { read: 0, imported: 0, skipped: {} };
  const progress = { bytes: 0 };
  let peeked: Awaited<ReturnType<typeof peek>>;
  try {
    peeked = await peek(maybeGunzip(countBytes(toChunks(input), progress)));
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'unreadable-input', message: `cannot read the input: ${e instanceof Error ? e.message : String(e)}`, file, line: 1 });
    return { format: null, counts, diagnostics, failed: true };
  }
  const { head, rest } = peeked;

  let format: FormatName | null = options.format ?? null;
  if (!format) {
    const detected = detectFormat(head, options.envoyFormat);
    format = detected === 'gzip' ? null : detected;
  }
  if (!format) {
    if (head.length === 0) {
      diagnostics.push({ severity: 'warning', code: 'empty-traffic-file', message: 'empty input, nothing imported', file });
      return { format: null, counts, diagnostics, failed: false };
    }
    const list = FORMAT_NAMES.map((f) => `${f} (${FORMAT_DESCRIPTIONS[f]})`).join('; ');
    diagnostics.push({ severity: 'error', code: 'unknown-traffic-format', message: `unrecognised traffic format. Supported formats: ${list}.`, file, line: 1 });
    return { format: null, counts, diagnostics, failed: true };
  }

  // Each format is one observer: its files add up, other formats' views of the same traffic count once.
  const observer: FormatName = format;
  const maxListed = options.maxListedBadRecords ?? 100;
  const threshold = options.badRecordThreshold;
  let bad = 0;
  let aborted = false;
  const { resolver, aggregator } = state;
  const sink: ParserSink = {
    record(r) {
      const src = resolver.resolveSource(r);
      const dst = resolver.resolveDestination(r);
      if (src.unresolved) aggregator.addUnresolved('source', src.unresolved.reason, src.unresolved.value, src.name, r.line, Math.max(r.count, 1));
      if (dst.unresolved) aggregator.addUnresolved('destination', dst.unresolved.reason, dst.unresolved.value, dst.name, r.line, Math.max(r.count, 1));
      aggregator.add(r, src.name, dst.name, dst.port ?? r.port, r.protocol, observer);
      counts.imported++;
    },
    skip(line, reason, message, code) {
      counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1;
      if (!BAD_RECORD_REASONS.has(reason)) return;
      bad++;
      if (bad <= maxListed) diagnostics.push({ severity: 'warning', code: code ?? reason, message: message ?? reason, file, line });
      if (threshold !== undefined && threshold >= 1 && bad > threshold) aborted = true;
    },
    diagnostic(d) {
      diagnostics.push({ file, ...d });
    },
  };
  if (options.envoyFormat && (format === 'envoy-text' || format === 'envoy-json')) diagnostics.push(...options.envoyFormat.diagnostics);
  const definition = FORMATS[format];
  const parser = definition.create(
    sink,
    { file, destination: options.destination, defaultTime: options.defaultTime ?? new Date().toISOString(), ...(options.envoyFormat ? { envoyFormat: options.envoyFormat } : {}) },
    resolver,
  );
  const lines = readLines(rest);
  const units = definition.unit === 'json-objects' ? splitJsonObjects(lines) : lines;
  let unreadable = false;
  try {
    for await (const u of units) {
      counts.read++;
      // A parser bug or an unforeseen value in one record must cost that record, not the file.
      try {
        parser.push(u.text, u.line);
      } catch (e) {
        sink.skip(u.line, 'invalid-record', `unreadable record: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (aborted) break;
      if (options.onProgress && counts.read % PROGRESS_EVERY === 0) options.onProgress({ bytes: progress.bytes, records: counts.read });
    }
    if (!aborted) parser.end();
  } catch (e) {
    // The stream itself failed: a corrupt gzip member, an over-long line, a read error.
    unreadable = true;
    diagnostics.push({ severity: 'error', code: 'unreadable-input', message: `cannot read the input after line ${counts.read}: ${e instanceof Error ? e.message : String(e)}`, file });
  }
  options.onProgress?.({ bytes: progress.bytes, records: counts.read });
  if (bad > maxListed) diagnostics.push({ severity: 'info', code: 'bad-records-not-listed', message: `${bad - maxListed} more bad records not listed`, file });
  if (format === 'linkerd-tap' && counts.imported > 0 && !options.defaultTime) {
    diagnostics.push({ severity: 'info', code: 'no-timestamps', message: 'linkerd tap events carry no timestamps: first/last seen are the import time', file });
  }
  const failed = unreadable || aborted || (threshold !== undefined && threshold < 1 && counts.read > 0 && bad / counts.read > threshold);
  if (failed) {
    diagnostics.push({
      severity: 'error',
      code: 'too-many-bad-records',
      message: `${bad} bad records${aborted ? ' (import stopped)' : ` of ${counts.read}`} exceed the threshold ${threshold}`,
      file,
    });
  }
  return { format, counts, diagnostics, failed };
}

export function createImportState(inventory: Inventory, resolver?: TrafficResolver): ImportState {
  return { resolver: resolver ?? createTrafficResolver(inventory), aggregator: new EdgeAggregator() };
}

export function finishImport(state: ImportState, diagnostics: Diagnostic[], failed: boolean): Pick<TrafficImportResult, 'edges' | 'unresolved' | 'diagnostics' | 'timeWindow'> {
  const { edges, unresolved } = state.aggregator.result();
  const overflow = state.aggregator.overflow;
  const diags = [...diagnostics];
  if (overflow > 0) diags.push({ severity: 'info', code: 'unresolved-not-listed', message: `${overflow} more records with unresolved peers not listed` });
  // A failed import leaves nothing behind: callers store all of it or none.
  return failed ? { edges: [], unresolved: [], diagnostics: diags, timeWindow: null } : { edges, unresolved, diagnostics: diags, timeWindow: state.aggregator.timeWindow };
}

/**
 * Streams one traffic file (any supported format, gzip or not) into aggregated, resolved edges.
 * Memory stays constant in the input size: lines are read chunk by chunk and only correlation state
 * (bounded) and the edges themselves are kept. Problems are returned as diagnostics, never thrown.
 */
export async function importTraffic(input: TrafficInput, options: ImportTrafficOptions): Promise<TrafficImportResult> {
  const state = createImportState(options.inventory, options.resolver);
  const s = await importInto(input, options, state);
  return { ...finishImport(state, s.diagnostics, s.failed), counts: s.counts, format: s.format };
}
