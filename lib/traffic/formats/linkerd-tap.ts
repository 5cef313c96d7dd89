import type { PeerHint, TrafficRecord } from '../model';
import type { FormatDefinition, ParserSink } from './types';
import { BoundedMap, httpVerdict, isObject, pathOf } from './util';

/**
 * `linkerd viz tap … -o json`: a stream of pretty-printed JSON objects (json.MarshalIndent per event,
 * linkerd2 viz/cmd/tap.go `tapEvent`), not JSON Lines. Each event has exactly one of requestInitEvent,
 * responseInitEvent, responseEndEvent; they are correlated by (proxy, id.base, id.stream), where the
 * proxy is the destination pod for INBOUND and the source pod for OUTBOUND events.
 * Events carry no timestamp: records get the import's default time.
 *
 * A request tapped on both proxies (client OUTBOUND + server INBOUND) is counted once, as with Envoy:
 * INBOUND wins; OUTBOUND requests without an INBOUND twin (server not meshed or not tapped) are emitted at the end.
 */

type Json = Record<string, unknown>;
const MAX_PENDING = 100_000;

interface Pending {
  record: TrafficRecord;
  inbound: boolean;
  key: string;
  status?: number;
}

const WORKLOAD_LABELS: [string, string][] = [
  ['deployment', 'Deployment'],
  ['statefulset', 'StatefulSet'],
  ['daemonset', 'DaemonSet'],
  ['job', 'Job'],
  ['cronjob', 'CronJob'],
];

function peer(p: Json, identityKey: 'client_id' | 'server_id'): PeerHint {
  const hint: PeerHint = {};
  if (typeof p.ip === 'string') hint.ip = p.ip;
  if (typeof p.port === 'number') hint.port = p.port;
  const md = isObject(p.metadata) ? p.metadata : {};
  if (typeof md.namespace === 'string') hint.namespace = md.namespace;
  if (typeof md.pod === 'string') hint.podName = md.pod;
  for (const [label, kind] of WORKLOAD_LABELS) {
    if (typeof md[label] === 'string') {
      hint.workload = { kind, name: md[label] as string };
      break;
    }
  }
  if (typeof md.serviceaccount === 'string') hint.serviceAccount = md.serviceaccount;
  if (typeof md[identityKey] === 'string') hint.linkerdId = md[identityKey] as string;
  return hint;
}

export const linkerdTapFormat: FormatDefinition = {
  unit: 'json-objects',
  create(sink: ParserSink, options) {
    const streams = new BoundedMap<string, Pending>(MAX_PENDING, (_k, p) => finish(p, undefined));
    const pendingOutbound = new BoundedMap<string, TrafficRecord[]>(MAX_PENDING, (_k, rs) => rs.forEach((r) => sink.record(r)));
    const inboundSeen = new BoundedMap<string, number>(MAX_PENDING);

    function finish(p: Pending, grpcStatus: number | undefined): void {
      p.record.verdict = p.status === undefined && grpcStatus === undefined ? 'unknown' : httpVerdict(p.status, grpcStatus);
      if (grpcStatus !== undefined) p.record.appProtocol = 'grpc';
      if (!p.inbound) {
        const n = inboundSeen.get(p.key) ?? 0;
        if (n > 0) {
          if (n === 1) inboundSeen.delete(p.key);
          else inboundSeen.set(p.key, n - 1);
          sink.skip(p.record.line, 'duplicate');
          return;
        }
        const list = pendingOutbound.get(p.key);
        if (list) list.push(p.record);
        else pendingOutbound.set(p.key, [p.record]);
        return;
      }
      const list = pendingOutbound.get(p.key);
      if (list && list.length > 0) {
        list.shift();
        if (list.length === 0) pendingOutbound.delete(p.key);
        sink.skip(p.record.line, 'duplicate');
      } else {
        inboundSeen.set(p.key, (inboundSeen.get(p.key) ?? 0) + 1);
      }
      sink.record(p.record);
    }

    return {
      push(text, line) {
        let o: unknown;
        try {
          o = JSON.parse(text);
        } catch {
          sink.skip(line, 'invalid-json', 'not a valid JSON object');
          return;
        }
        if (!isObject(o) || !isObject(o.source) || !isObject(o.destination)) {
          sink.skip(line, 'invalid-record', 'expected a tap event with source and destination');
          return;
        }
        const inbound = o.proxyDirection === 'INBOUND';
        const proxyIp = inbound ? o.destination.ip : o.source.ip;
        const ev = (o.requestInitEvent ?? o.responseInitEvent ?? o.responseEndEvent) as unknown;
        if (!isObject(ev) || !isObject(ev.id)) {
          sink.skip(line, 'invalid-record', 'tap event without requestInit/responseInit/responseEnd id');
          return;
        }
        const streamKey = `${o.proxyDirection}|${String(proxyIp)}|${String(ev.id.base)}|${String(ev.id.stream ?? 0)}`;
        if (o.requestInitEvent) {
          const source = peer(o.source, 'client_id');
          const destination = peer(o.destination, 'server_id');
          const port = destination.port;
          if (port === undefined || !source.ip) {
            sink.skip(line, 'missing-field', 'request without source IP or destination port');
            return;
          }
          const method = typeof ev.method === 'string' ? ev.method : undefined;
          const path = typeof ev.path === 'string' ? pathOf(ev.path) : undefined;
          const record: TrafficRecord = {
            line,
            source,
            destination,
            port,
            protocol: 'TCP',
            count: 1,
            countUnit: 'requests',
            time: options.defaultTime,
            verdict: 'unknown',
            observedBy: 'linkerd',
            appProtocol: 'http',
          };
          if (method) record.method = method;
          if (path) record.path = path;
          streams.set(streamKey, { record, inbound, key: `${source.ip}|${destination.ip ?? ''}:${port}|${method ?? ''}|${path ?? ''}` });
          return;
        }
        const p = streams.get(streamKey);
        if (!p) {
          sink.skip(line, 'incomplete', 'response without its request event');
          return;
        }
        if (o.responseInitEvent) {
          if (typeof ev.httpStatus === 'number') p.status = ev.httpStatus;
          sink.skip(line, 'merged');
          return;
        }
        streams.delete(streamKey);
        if (typeof ev.responseBytes === 'number' || typeof ev.responseBytes === 'string') {
          const b = Number(ev.responseBytes);
          if (b > 0) p.record.bytes = b;
        }
        finish(p, typeof ev.grpcStatusCode === 'number' ? ev.grpcStatusCode : undefined);
        sink.skip(line, 'merged'); // the end event itself; the request line carries the record
      },
      end() {
        for (const p of streams.values()) finish(p, undefined);
        streams.clear();
        for (const rs of pendingOutbound.values()) for (const r of rs) sink.record(r);
        pendingOutbound.clear();
      },
    };
  },
};
