import type { PeerHint, TrafficRecord } from '../model';
import type { ParserSink } from './types';
import { BoundedMap, addMillis, httpVerdict, normalizeTime, pathOf, splitHostPort } from './util';

/**
 * One Envoy/Istio access-log entry with the fields Eastwest uses, whatever the encoding
 * (istio/istio pilot/pkg/model/telemetry_logging.go: EnvoyTextLogFormat / EnvoyJSONLogFormatIstio, or a
 * custom format with the same keys plus `%DOWNSTREAM_PEER_URI_SAN%` / `%UPSTREAM_PEER_URI_SAN%`).
 */
export interface EnvoyEntry {
  startTime?: string;
  method?: string;
  path?: string;
  protocol?: string;
  responseCode?: number;
  responseFlags?: string;
  responseCodeDetails?: string;
  connectionTerminationDetails?: string;
  grpcStatus?: string;
  bytesReceived?: number;
  bytesSent?: number;
  duration?: number;
  upstreamHost?: string;
  upstreamCluster?: string;
  upstreamLocalAddress?: string;
  downstreamLocalAddress?: string;
  downstreamRemoteAddress?: string;
  requestedServerName?: string;
  downstreamPeerUriSan?: string;
  upstreamPeerUriSan?: string;
}

const MAX_PENDING = 100_000;
/** gRPC request paths are `/<package>.<Service>/<Method>`. */
const GRPC_PATH = /^\/[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+\/\w+$/;

/** `outbound|5000||emailservice.boutique.svc.cluster.local` → the Service the client dialled. */
function serviceFromCluster(cluster: string): { namespace: string; name: string; port: number } | undefined {
  const parts = cluster.split('|');
  const port = Number(parts[1]);
  const host = parts[3] ?? '';
  const m = /^([^.]+)\.([^.]+)\.svc(\.|$)/.exec(host);
  return m && m[1] && m[2] && Number.isInteger(port) ? { name: m[1], namespace: m[2], port } : undefined;
}

/**
 * Verdict from the details fields, not the status code: gRPC RBAC denials are HTTP 200 (trailers-only
 * grpc-status 7, istio/istio#38984), TCP denials only show in connection_termination_details, and a
 * plaintext client hitting a STRICT mTLS port gets `NR` + `filter_chain_not_found`.
 */
function verdictOf(e: EnvoyEntry): string {
  const details = `${e.responseCodeDetails ?? ''} ${e.connectionTerminationDetails ?? ''}`;
  if (details.includes('rbac_access_denied')) return 'rbac_denied';
  if (details.includes('filter_chain_not_found')) return 'denied:filter_chain_not_found';
  const v = httpVerdict(e.responseCode, e.grpcStatus);
  if (v !== 'forwarded') return v;
  const flags = e.responseFlags;
  if (flags && flags !== '-' && /(^|,)(UF|UH|URX|NR|UO|UAEX|UT|NC|DPE|UPE|RL)($|,)/.test(flags)) return `error:${flags}`;
  return 'forwarded';
}

function spiffeHint(hint: PeerHint, san: string | undefined): PeerHint {
  if (san && san.startsWith('spiffe://')) hint.spiffe = san;
  return hint;
}

/**
 * Turns entries into records and counts each request once although the client sidecar (outbound) and the
 * server sidecar (inbound) both log it. Inbound entries are emitted at once (the server side has the
 * authoritative verdict); an outbound entry is held until an inbound entry with the same
 * (client IP, server pod IP:port, method, path) arrives — then it is dropped as a duplicate — or until the
 * end of the input, when unmatched outbound entries (server outside the mesh) are emitted.
 */
export function createEnvoyCorrelator(sink: ParserSink, observedBy: string) {
  const pendingOutbound = new BoundedMap<string, TrafficRecord[]>(MAX_PENDING, (_k, recs) => recs.forEach((r) => sink.record(r)));
  const inboundSeen = new BoundedMap<string, number>(MAX_PENDING);

  function push(e: EnvoyEntry, line: number): void {
    const time = e.startTime ? normalizeTime(e.startTime) : undefined;
    const downstreamRemote = splitHostPort(e.downstreamRemoteAddress);
    const downstreamLocal = splitHostPort(e.downstreamLocalAddress);
    const upstreamHost = splitHostPort(e.upstreamHost);
    if (!time || !downstreamRemote) {
      sink.skip(line, 'missing-field', 'entry without start time or downstream remote address');
      return;
    }
    const cluster = e.upstreamCluster ?? '';
    const outbound = cluster.startsWith('outbound|') || cluster === 'PassthroughCluster';
    const inbound = !outbound && (cluster.startsWith('inbound|') || cluster.startsWith('InboundPassthrough') || (e.upstreamLocalAddress ?? '').startsWith('127.0.0.6:'));

    const source: PeerHint = { ip: downstreamRemote.ip };
    let destination: PeerHint;
    let port: number;
    let portIsServicePort = false;
    if (outbound) {
      const svc = serviceFromCluster(cluster);
      if (upstreamHost) {
        destination = spiffeHint({ ip: upstreamHost.ip, port: upstreamHost.port }, e.upstreamPeerUriSan);
        port = upstreamHost.port;
      } else if (svc) {
        // No upstream was picked (no healthy host, denied before routing): name the Service, map its port later.
        destination = { service: svc };
        port = svc.port;
        portIsServicePort = true;
      } else if (downstreamLocal) {
        destination = { ip: downstreamLocal.ip, port: downstreamLocal.port };
        port = downstreamLocal.port;
      } else {
        sink.skip(line, 'missing-field', 'outbound entry without upstream host or destination address');
        return;
      }
    } else {
      // Inbound (or direction unknown, e.g. NR before any filter chain): the server is the local address.
      spiffeHint(source, e.downstreamPeerUriSan);
      const target = downstreamLocal ?? upstreamHost;
      if (!target) {
        sink.skip(line, 'missing-field', 'inbound entry without downstream local address');
        return;
      }
      destination = { ip: target.ip, port: target.port };
      port = target.port;
    }

    const isTcp = !e.method;
    const record: TrafficRecord = {
      line,
      source,
      destination,
      port,
      protocol: 'TCP',
      count: 1,
      countUnit: isTcp ? 'connections' : 'requests',
      time,
      verdict: verdictOf(e),
      observedBy,
    };
    if (portIsServicePort) record.portIsServicePort = true;
    if (e.method) record.method = e.method;
    if (e.path) record.path = pathOf(e.path);
    if (!isTcp) record.appProtocol = e.protocol === 'HTTP/2' && (e.grpcStatus !== undefined || GRPC_PATH.test(e.path ?? '')) ? 'grpc' : 'http';
    const bytes = (e.bytesReceived ?? 0) + (e.bytesSent ?? 0);
    if (bytes > 0) record.bytes = bytes;
    // TCP entries are written at close with start_time = open; the connection lasted `duration` ms.
    if (e.duration !== undefined && e.duration > 0) record.endTime = addMillis(time, e.duration);

    const key = `${downstreamRemote.ip}|${destination.ip ?? ''}:${port}|${e.method ?? ''}|${e.path ?? ''}`;
    if (outbound && destination.ip) {
      const n = inboundSeen.get(key) ?? 0;
      if (n > 0) {
        if (n === 1) inboundSeen.delete(key);
        else inboundSeen.set(key, n - 1);
        sink.skip(line, 'duplicate');
        return;
      }
      const list = pendingOutbound.get(key);
      if (list) list.push(record);
      else pendingOutbound.set(key, [record]);
      return;
    }
    if (inbound) {
      const list = pendingOutbound.get(key);
      if (list && list.length > 0) {
        list.shift();
        if (list.length === 0) pendingOutbound.delete(key);
        sink.skip(line, 'duplicate'); // the held outbound entry: the line number reported is the inbound's
      } else {
        inboundSeen.set(key, (inboundSeen.get(key) ?? 0) + 1);
      }
    }
    sink.record(record);
  }

  function end(): void {
    for (const recs of pendingOutbound.values()) for (const r of recs) sink.record(r);
    pendingOutbound.clear();
    inboundSeen.clear();
  }

  return { push, end };
}
