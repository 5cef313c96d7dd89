import type { PeerHint, TrafficRecord } from '../model';
import type { FormatDefinition, ParseHelpers, ParserSink } from './types';
import { isObject } from './util';

/**
 * `linkerd viz edges <resource> -o json`: one JSON array (json.MarshalIndent, linkerd2 viz/cmd/edges.go)
 * of `{src, src_namespace, dst, dst_namespace, client_id, server_id, no_tls_reason}`.
 *
 * What a row means (linkerd.io "viz edges"; viz/metrics-api edges.go): the metrics API builds it from the
 * `tcp_open_connections{direction="outbound"}` gauge, i.e. the outbound TCP connections open *right now*
 * between two resources. So a row is one connection pair, not a count; it has no port and no time; an
 * accepted connection whose requests are all denied by policy (U1) is listed; unmeshed clients are not.
 * `client_id`/`server_id` are truncated to `<sa>.<ns>`.
 *
 * The array is read line by line with a small depth tracker (elements can span lines, or share one line
 * with `jq -c`), so memory is bounded by one row. Lines that only carry part of a row are counted as
 * `merged` into the row's record (which carries the row's first line); the brackets are `not-traffic`.
 */

const FULL_ID_SUFFIX = '.serviceaccount.identity.linkerd.cluster.local';

/** `<sa>.<ns>` → the full Linkerd identity the resolver reads (only `<sa>.<ns>` matters to it; the trust domain is not in the output). */
function expandId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  if (/^[^.]+\.[^.]+$/.test(id)) return `${id}${FULL_ID_SUFFIX}`;
  return id.includes('.serviceaccount.identity.') ? id : undefined;
}

/**
 * A resource named by the row: the workload when the inventory knows it, else only its identity so that
 * an unknown name is listed as unresolved rather than trusted.
 */
function peer(name: unknown, namespace: unknown, id: unknown, helpers: ParseHelpers): PeerHint {
  if (typeof name === 'string' && typeof namespace === 'string' && name && namespace && helpers.servedPorts?.(`${namespace}/${name}`)) {
    return { namespace, workload: { kind: 'Deployment', name } };
  }
  const linkerdId = expandId(id);
  return linkerdId ? { linkerdId } : {};
}

interface Splitter {
  depth: number;
  inString: boolean;
  escaped: boolean;
  parts: string[];
  startLine: number;
}

export const linkerdEdgesFormat: FormatDefinition = {
  unit: 'lines',
  create(sink: ParserSink, options, helpers) {
    const s: Splitter = { depth: 0, inString: false, escaped: false, parts: [], startLine: 0 };
    let records = 0;

    function row(text: string, line: number): void {
      let o: unknown;
      try {
        o = JSON.parse(text);
      } catch {
        sink.skip(line, 'invalid-json', 'not a valid JSON object');
        return;
      }
      if (!isObject(o) || typeof o.src !== 'string' || typeof o.dst !== 'string') {
        sink.skip(line, 'invalid-record', 'expected a viz edges row with src and dst');
        return;
      }
      const source = peer(o.src, o.src_namespace, o.client_id, helpers);
      const destination = peer(o.dst, o.dst_namespace, o.server_id, helpers);
      // No port in the output: the destination workload's port when it serves exactly one.
      const served = destination.workload ? (helpers.servedPorts?.(`${String(o.dst_namespace)}/${o.dst}`) ?? []) : [];
      const only = served.length === 1 ? served[0] : undefined;
      if (!only) {
        const why = destination.workload ? `it serves ${served.length === 0 ? 'no declared port' : `${served.length} ports (${served.map((p) => p.port).join(', ')})`}` : 'it is not in the inventory';
        sink.diagnostic({ severity: 'warning', code: 'port-unknown', message: `viz edges rows carry no port and ${String(o.dst_namespace)}/${o.dst} cannot supply one (${why}): recorded with port 0`, line });
      }
      const record: TrafficRecord = {
        line,
        source,
        destination,
        port: only?.port ?? 0,
        protocol: only?.protocol ?? 'TCP',
        count: 1,
        countUnit: 'connections',
        time: options.defaultTime,
        // An open connection was accepted by the server's proxy; requests on it may still be denied (U1).
        verdict: 'forwarded',
        observedBy: 'linkerd',
      };
      sink.record(record);
      records++;
    }

    return {
      push(text, line) {
        let completed = 0;
        let inRow = s.depth >= 2 || (s.depth === 1 && s.parts.length > 0);
        let segStart = 0;
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (s.inString) {
            if (s.escaped) s.escaped = false;
            else if (c === 92 /* \ */) s.escaped = true;
            else if (c === 34 /* " */) s.inString = false;
            continue;
          }
          if (c === 34) s.inString = true;
          else if (c === 123 /* { */ || c === 91 /* [ */) {
            if (s.depth === 1 && c === 123) {
              s.startLine = line;
              s.parts = [];
              segStart = i;
              inRow = true;
            } else if (s.depth === 0 && c === 123) {
              sink.skip(line, 'invalid-record', 'expected a JSON array of viz edges rows');
              return;
            }
            s.depth++;
          } else if (c === 125 /* } */ || c === 93 /* ] */) {
            s.depth--;
            if (s.depth === 1 && c === 125) {
              s.parts.push(text.slice(segStart, i + 1));
              row(s.parts.join('\n'), s.startLine);
              s.parts = [];
              completed++;
              inRow = false;
            }
            if (s.depth < 0) s.depth = 0;
          }
        }
        if (s.depth >= 2) s.parts.push(text.slice(segStart));
        if (completed === 0) sink.skip(line, inRow || s.depth >= 2 ? 'merged' : 'not-traffic');
      },
      end() {
        // Its lines were already counted as `merged`; say why no record came of them.
        if (s.depth >= 2) sink.diagnostic({ severity: 'warning', code: 'incomplete', message: 'the viz edges array ends inside a row (truncated file?): that row is not imported', line: s.startLine });
        if (records > 0) {
          sink.diagnostic({
            severity: 'info',
            code: 'no-timestamps',
            message: `linkerd viz edges lists currently open connections without time or count: ${records} rows recorded as 1 connection each at ${options.defaultTime}`,
          });
        }
      },
    };
  },
};
