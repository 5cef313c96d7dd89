import type { EnvoyEntry } from './envoy-entry';
import { createEnvoyCorrelator } from './envoy-entry';
import type { FormatDefinition } from './types';
import { num, str, parseJsonObjectLine } from './util';

/**
 * Envoy/Istio JSON access logs: `meshConfig.accessLogEncoding: JSON` (keys of EnvoyJSONLogFormatIstio,
 * typed: numbers for codes/bytes, `null` for missing) or a custom `logFormat.labels` using the same key names.
 */
export function toEnvoyEntry(o: Record<string, unknown>): EnvoyEntry {
  return {
    startTime: str(o.start_time),
    method: str(o.method),
    path: str(o.path),
    protocol: str(o.protocol),
    responseCode: num(o.response_code),
    responseFlags: str(o.response_flags),
    responseCodeDetails: str(o.response_code_details),
    connectionTerminationDetails: str(o.connection_termination_details),
    grpcStatus: str(o.grpc_status) ?? (typeof o.grpc_status === 'number' ? String(o.grpc_status) : undefined),
    bytesReceived: num(o.bytes_received),
    bytesSent: num(o.bytes_sent),
    duration: num(o.duration),
    upstreamHost: str(o.upstream_host),
    upstreamCluster: str(o.upstream_cluster),
    upstreamLocalAddress: str(o.upstream_local_address),
    downstreamLocalAddress: str(o.downstream_local_address),
    downstreamRemoteAddress: str(o.downstream_remote_address),
    requestedServerName: str(o.requested_server_name),
    downstreamPeerUriSan: str(o.downstream_peer_uri_san),
    upstreamPeerUriSan: str(o.upstream_peer_uri_san),
  };
}

export const envoyJsonFormat: FormatDefinition = {
  unit: 'lines',
  create(sink) {
    const correlator = createEnvoyCorrelator(sink, 'envoy');
    return {
      push(text, line) {
        const o = parseJsonObjectLine(text, line, sink);
        if (!o) return;
        correlator.push(toEnvoyEntry(o), line);
      },
      end: () => correlator.end(),
    };
  },
};
