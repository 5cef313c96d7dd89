import type { Protocol } from '../../model/kubernetes';
import type { ParserSink } from './types';

/**
 * Normalises a timestamp to RFC 3339 UTC with milliseconds, so times from all formats compare as strings.
 * Fast path for `…Z` timestamps (Hubble's nanosecond RFC 3339, Envoy's `%START_TIME%`): no Date parsing.
 */
export function normalizeTime(s: string): string | undefined {
  if (s.length >= 20 && s.charCodeAt(s.length - 1) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */ && s.charCodeAt(19) !== 43 && s.charCodeAt(19) !== 45) {
    const base = s.slice(0, 19);
    if (s.length === 20) return `${base}.000Z`;
    if (s.charCodeAt(19) === 46 /* . */) {
      const frac = s.slice(20, s.length - 1);
      return `${base}.${(frac + '000').slice(0, 3)}Z`;
    }
  }
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function epochSecondsToTime(sec: number): string {
  return new Date(sec * 1000).toISOString();
}

export function addMillis(time: string, ms: number): string {
  return new Date(Date.parse(time) + ms).toISOString();
}

/** IANA protocol numbers used by VPC flow logs. */
export function protocolFromNumber(n: number): Protocol | undefined {
  return n === 6 ? 'TCP' : n === 17 ? 'UDP' : n === 132 ? 'SCTP' : undefined;
}

export function protocolFromName(s: string): Protocol | undefined {
  const u = s.toUpperCase();
  return u === 'TCP' || u === 'UDP' || u === 'SCTP' ? u : undefined;
}

/** Splits `ip:port`, `[v6]:port`; returns undefined for `-`/empty. */
export function splitHostPort(s: unknown): { ip: string; port: number } | undefined {
  if (typeof s !== 'string' || s === '' || s === '-') return undefined;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    const port = Number(s.slice(end + 2));
    return end > 0 && Number.isInteger(port) ? { ip: s.slice(1, end), port } : undefined;
  }
  const i = s.lastIndexOf(':');
  if (i <= 0) return undefined;
  const port = Number(s.slice(i + 1));
  return Number.isInteger(port) ? { ip: s.slice(0, i), port } : undefined;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' && v !== '-' ? v : undefined);
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v !== '' && v !== '-') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Drops the query string and fragment of a request path or URL (`http://host:port/p?q` → `/p`). */
export function pathOf(s: string): string {
  let p = s;
  const scheme = p.indexOf('://');
  if (scheme !== -1) {
    const slash = p.indexOf('/', scheme + 3);
    p = slash === -1 ? '/' : p.slice(slash);
  }
  const q = p.search(/[?#]/);
  return q === -1 ? p : p.slice(0, q);
}

/**
 * A bounded map for correlation state on endless streams: entries live in two generations; when the young one
 * holds `max / 2` entries, the old generation is evicted (`onEvict`) and the young one becomes old.
 * O(1) per operation (evicting the oldest entry of one `Map` is not: V8 iterates over deleted slots).
 */
export class BoundedMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  constructor(
    private readonly max: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {}
  get(key: K): V | undefined {
    const v = this.young.get(key);
    return v !== undefined ? v : this.old.get(key);
  }
  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }
  set(key: K, value: V): this {
    if (this.old.has(key)) this.old.delete(key);
    this.young.set(key, value);
    if (this.young.size >= this.max / 2) {
      const evicted = this.old;
      this.old = this.young;
      this.young = new Map();
      if (this.onEvict) for (const [k, v] of evicted) this.onEvict(k, v);
    }
    return this;
  }
  delete(key: K): boolean {
    return this.young.delete(key) || this.old.delete(key);
  }
  get size(): number {
    return this.young.size + this.old.size;
  }
  *values(): IterableIterator<V> {
    yield* this.old.values();
    yield* this.young.values();
  }
  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}

/** Verdict for a request from its HTTP status and gRPC status (gRPC denials arrive as HTTP 200, istio/istio#38984). */
export function httpVerdict(status: number | undefined, grpcStatus?: number | string): string {
  const g = typeof grpcStatus === 'string' ? GRPC_CODES[grpcStatus] ?? Number(grpcStatus) : grpcStatus;
  if (g === 7 || g === 16) return `denied:grpc-${g}`;
  if (status === 401 || status === 403) return `denied:${status}`;
  return 'forwarded';
}

const GRPC_CODES: Record<string, number> = { PermissionDenied: 7, Unauthenticated: 16, PERMISSION_DENIED: 7, UNAUTHENTICATED: 16 };

/** Parses one JSON line into an object, or reports the line as skipped (invalid JSON / not an object) and returns undefined. */
export function parseJsonObjectLine(text: string, line: number, sink: Pick<ParserSink, 'skip'>): Record<string, unknown> | undefined {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    sink.skip(line, 'invalid-json', 'not valid JSON');
    return undefined;
  }
  if (!isObject(o)) {
    sink.skip(line, 'invalid-record', 'expected a JSON object');
    return undefined;
  }
  return o;
}
