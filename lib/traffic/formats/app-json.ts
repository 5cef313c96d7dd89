import type { PeerHint, TrafficRecord } from '../model';
import { destinationFromOption } from './nginx-json';
import type { FormatDefinition } from './types';
import { httpVerdict, normalizeTime, num, pathOf, str, parseJsonObjectLine } from './util';

/**
 * Application JSON access logs such as the seed's Flask middleware: `caller_identity`, `source_ip`,
 * `method`, `path`, `status_code` and a timestamp (`timestamp`/`time`/`ts`). The log is written by the
 * destination service and does not name it: pass `destination: "ns/name[:port]"` at import, or log
 * `destination`/`service` (`ns/name`) and `port` per line.
 * `caller_identity` may be a SPIFFE ID, a Linkerd identity, a certificate CN (`svc.ns.svc`) or `ns/name`.
 */
export function identityHint(id: string, hint: PeerHint): PeerHint {
  if (id.startsWith('spiffe://')) hint.spiffe = id;
  else if (id.endsWith('.identity.linkerd.cluster.local') || id.includes('.serviceaccount.identity.')) hint.linkerdId = id;
  else if (/^[^/.]+\/[^/.]+$/.test(id)) hint.endpoint = id;
  else hint.certCN = id;
  return hint;
}

export const appJsonFormat: FormatDefinition = {
  unit: 'lines',
  create(sink, options) {
    const fixed = destinationFromOption(options);
    return {
      push(text, line) {
        const o = parseJsonObjectLine(text, line, sink);
        if (!o) return;
        const rawTime = str(o.timestamp) ?? str(o.time) ?? str(o.ts) ?? (typeof o.timestamp === 'number' ? new Date(o.timestamp * (o.timestamp < 1e12 ? 1000 : 1)).toISOString() : undefined);
        const time = rawTime ? normalizeTime(rawTime) : undefined;
        const ip = str(o.source_ip) ?? str(o.remote_addr);
        const caller = str(o.caller_identity);
        if (!time || (!ip && !caller)) {
          sink.skip(line, 'missing-field', 'entry without timestamp, or without caller_identity and source_ip');
          return;
        }
        const source: PeerHint = {};
        if (ip) source.ip = ip;
        if (caller) identityHint(caller, source);
        const dest = str(o.destination) ?? str(o.service);
        const destination: PeerHint = {};
        if (fixed) destination.endpoint = fixed.endpoint;
        else if (dest) destination.endpoint = dest;
        const port = fixed?.port ?? num(o.port) ?? num(o.server_port) ?? num(o.destination_port);
        if (!destination.endpoint) {
          sink.skip(line, 'missing-field', 'no destination: import with --destination ns/name[:port]');
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
      end() {},
    };
  },
};
