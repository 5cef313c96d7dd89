import type { PeerHint, TrafficRecord } from '../model';
import { destinationFromOption } from './nginx-json';
import { type FormatDefinition, MISSING_DESTINATION } from './types';
import { httpVerdict, normalizeTime, num, pathOf, str, parseJsonObjectLine } from './util';

/**
 * Application JSON access logs such as a Flask middleware's: `caller_identity`, `source_ip`, `method`, `path`,
 * `status_code` (alternates: `remote_addr`/`client_ip` for the IP, `status` for the code). The log is written by
 * the destination service and does not name it: pass `destination: "ns/name[:port]"` at import, or log
 * `destination`/`service` (`ns/name`) and `port` per line. A timestamp (`timestamp`, `time`, `ts`, `@timestamp`:
 * RFC 3339 or epoch seconds/milliseconds) is optional: without one, records take the import's default time.
 * `caller_identity` may be a SPIFFE ID, a Linkerd identity, a certificate CN (`svc.ns.svc`) or `ns/name`.
 */
export function identityHint(id: string, hint: PeerHint): PeerHint {
  if (id.startsWith('spiffe://')) hint.spiffe = id;
  else if (id.endsWith('.identity.linkerd.cluster.local') || id.includes('.serviceaccount.identity.')) hint.linkerdId = id;
  else if (/^[^/.]+\/[^/.]+$/.test(id)) hint.endpoint = id;
  else hint.certCN = id;
  return hint;
}

/** The entry's time as logged (string, or epoch seconds/milliseconds), undefined when it logs none. */
function timeOf(o: Record<string, unknown>): string | undefined {
  for (const key of ['timestamp', 'time', 'ts', '@timestamp']) {
    const v = o[key];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * (v < 1e12 ? 1000 : 1)).toISOString();
  }
  return undefined;
}

export const appJsonFormat: FormatDefinition = {
  unit: 'lines',
  create(sink, options) {
    const fixed = destinationFromOption(options);
    let untimed = 0;
    return {
      push(text, line) {
        const o = parseJsonObjectLine(text, line, sink);
        if (!o) return;
        const rawTime = timeOf(o);
        const time = rawTime === undefined ? options.defaultTime : normalizeTime(rawTime);
        if (!time) {
          sink.skip(line, 'invalid-record', `unreadable timestamp "${rawTime ?? ''}"`);
          return;
        }
        const ip = str(o.source_ip) ?? str(o.remote_addr) ?? str(o.client_ip);
        const caller = str(o.caller_identity);
        if (!ip && !caller) {
          sink.skip(line, 'missing-field', 'entry without caller_identity and source_ip');
          return;
        }
        if (rawTime === undefined) untimed++;
        const source: PeerHint = {};
        if (ip) source.ip = ip;
        if (caller) identityHint(caller, source);
        const dest = str(o.destination) ?? str(o.service);
        const destination: PeerHint = {};
        if (fixed) destination.endpoint = fixed.endpoint;
        else if (dest) destination.endpoint = dest;
        const port = fixed?.port ?? num(o.port) ?? num(o.server_port) ?? num(o.destination_port);
        if (!destination.endpoint) {
          sink.skip(line, 'missing-field', 'no destination: the entry has no destination or service field, and the import names no destination for this log', MISSING_DESTINATION);
          return;
        }
        const method = str(o.method);
        const path = str(o.path);
        const record: TrafficRecord = {
          line,
          source,
          destination,
          // Port 0 = unknown: the log and the import options do not say which port the service listens on.
          port: port ?? 0,
          protocol: 'TCP',
          count: 1,
          countUnit: 'requests',
          time,
          verdict: httpVerdict(num(o.status_code) ?? num(o.status)),
          observedBy: 'app-log',
          appProtocol: 'http',
        };
        if (method) record.method = method;
        if (path) record.path = pathOf(path);
        sink.record(record);
      },
      end() {
        if (untimed > 0) sink.diagnostic({ severity: 'info', code: 'no-timestamps', message: `${untimed} application log entries carry no timestamp: first/last seen are the import time` });
      },
    };
  },
};
