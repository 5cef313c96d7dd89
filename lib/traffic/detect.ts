import { jsonMatchesFormat, readTextLine, type EnvoyLogFormat } from './formats/envoy-format';
import { isGzip } from './io/gzip';
import type { FormatName } from './model';
import { isObject } from './formats/util';

/** How many leading bytes `importTraffic` looks at to recognise a format. */
export const DETECT_BYTES = 64 * 1024;

const AWS_HEADER = /^version\s+account-id\s+interface-id\s+srcaddr\s+dstaddr/;
const AWS_RECORD = /^\d+\s+(\d{12}|-|unknown)\s+(eni-[0-9a-f]+|-)\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+/;
const ENVOY_TEXT = /^\[\d{4}-\d\d-\d\dT[^\]]+\]\s+"/;
/** A Linkerd proxy traffic series (request_total, authz counters) as a Prometheus sample or its HELP/TYPE line. */
const LINKERD_SERIES = /^(# (HELP|TYPE) )?(request_total|response_total|inbound_(http|tcp)_authz_(allow|deny)_total|tcp_open_total)[{\s]/m;
const PROM_LINE = /^(#|[a-zA-Z_:][a-zA-Z0-9_:]*(\{|\s))/;
/** `linkerd viz edges -o json` rows (linkerd2 viz/cmd/edges.go `edgesRow`). */
const VIZ_EDGES_ROW = /"src_namespace"\s*:[\s\S]*"dst_namespace"\s*:/;

function classifyJsonObject(o: Record<string, unknown>): FormatName | null {
  if (isObject(o.flow) || (o.verdict !== undefined && (o.IP !== undefined || o.l4 !== undefined || o.event_type !== undefined || o.Type !== undefined))) return 'hubble';
  if (o.node_status !== undefined || o.lost_events !== undefined) return 'hubble';
  if (isObject(o.jsonPayload) && isObject(o.jsonPayload.connection)) return 'gcp-vpc';
  if (o.proxyDirection !== undefined && (o.requestInitEvent || o.responseInitEvent || o.responseEndEvent)) return 'linkerd-tap';
  if ('upstream_cluster' in o || 'downstream_remote_address' in o || 'response_code_details' in o) return 'envoy-json';
  if ('client_verify' in o || ('remote_addr' in o && 'request_uri' in o)) return 'nginx-json';
  if ('caller_identity' in o || ('source_ip' in o && 'status_code' in o)) return 'app-json';
  if ('source' in o && 'destination' in o && 'port' in o && 'protocol' in o) return 'edges-jsonl';
  return null;
}

/** A first line in the user's own Envoy format (`--envoy-format`), which the built-in rules cannot know. */
function detectEnvoyCustom(first: string, envoyFormat: EnvoyLogFormat): FormatName | null {
  if (first.startsWith('{')) {
    if (!envoyFormat.json) return null;
    try {
      const o: unknown = JSON.parse(first);
      return isObject(o) && jsonMatchesFormat(envoyFormat.json, o) ? 'envoy-json' : null;
    } catch {
      return null;
    }
  }
  return envoyFormat.text.length > 0 && 'entry' in readTextLine(envoyFormat.text, first) ? 'envoy-text' : null;
}

/**
 * Recognises a traffic format from the first bytes of the content (never from the file name).
 * Returns `'gzip'` for compressed input (decompress and ask again) and `null` when unknown.
 * With the user's Envoy format, content no built-in rule recognises is checked against it last.
 */
export function detectFormat(firstBytes: Uint8Array | string, envoyFormat?: EnvoyLogFormat): FormatName | 'gzip' | null {
  const builtIn = detectBuiltIn(firstBytes);
  if (builtIn !== null || !envoyFormat) return builtIn;
  const text = typeof firstBytes === 'string' ? firstBytes : new TextDecoder().decode(firstBytes.subarray(0, DETECT_BYTES));
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '');
  return first ? detectEnvoyCustom(first.replace(/\r$/, ''), envoyFormat) : null;
}

function detectBuiltIn(firstBytes: Uint8Array | string): FormatName | 'gzip' | null {
  if (typeof firstBytes !== 'string' && isGzip(firstBytes)) return 'gzip';
  const text = typeof firstBytes === 'string' ? firstBytes : new TextDecoder().decode(firstBytes.subarray(0, DETECT_BYTES));
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '')?.trim();
  if (!first) return null;
  if (AWS_HEADER.test(first) || AWS_RECORD.test(first)) return 'aws-vpc';
  if (ENVOY_TEXT.test(first)) return 'envoy-text';
  if (first.startsWith('[')) return VIZ_EDGES_ROW.test(text) ? 'linkerd-edges' : null;
  if (first.startsWith('{')) {
    try {
      const o: unknown = JSON.parse(first);
      if (isObject(o)) return classifyJsonObject(o);
    } catch {
      // A pretty-printed object spanning lines: Linkerd tap is the only such format.
      if (first === '{' && /"proxyDirection"\s*:/.test(text) && /"(requestInitEvent|responseInitEvent|responseEndEvent)"/.test(text)) return 'linkerd-tap';
    }
    return null;
  }
  const header = first.toLowerCase().split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (['source', 'destination', 'port', 'protocol'].every((c) => header.includes(c))) return 'edges-csv';
  if (PROM_LINE.test(first) && LINKERD_SERIES.test(text)) return 'linkerd-metrics';
  return null;
}
