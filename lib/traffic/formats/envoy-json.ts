import type { EnvoyEntry } from './envoy-entry';
import { createEnvoyCorrelator } from './envoy-entry';
import { readJsonObject } from './envoy-format';
import type { FormatDefinition } from './types';
import { num, str, parseJsonObjectLine } from './util';

/**
 * The keys Eastwest reads without a user format: Istio's default JSON encoding (EnvoyJSONLogFormatIstio in
 * istio/istio pilot/pkg/model/telemetry_logging.go; fields it does not use left out) plus the peer identities and
 * gRPC status under the names custom formats commonly give them. A user's format dictionary is merged over these.
 */
export const ISTIO_JSON_KEYS: Record<string, string> = {
  start_time: '%START_TIME%',
  method: '%REQ(:METHOD)%',
  path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%',
  protocol: '%PROTOCOL%',
  response_code: '%RESPONSE_CODE%',
  response_flags: '%RESPONSE_FLAGS%',
  response_code_details: '%RESPONSE_CODE_DETAILS%',
  connection_termination_details: '%CONNECTION_TERMINATION_DETAILS%',
  bytes_received: '%BYTES_RECEIVED%',
  bytes_sent: '%BYTES_SENT%',
  duration: '%DURATION%',
  upstream_host: '%UPSTREAM_HOST%',
  upstream_cluster: '%UPSTREAM_CLUSTER_RAW%',
  upstream_local_address: '%UPSTREAM_LOCAL_ADDRESS%',
  downstream_local_address: '%DOWNSTREAM_LOCAL_ADDRESS%',
  downstream_remote_address: '%DOWNSTREAM_REMOTE_ADDRESS%',
  requested_server_name: '%REQUESTED_SERVER_NAME%',
  grpc_status: '%GRPC_STATUS%',
  downstream_peer_uri_san: '%DOWNSTREAM_PEER_URI_SAN%',
  upstream_peer_uri_san: '%UPSTREAM_PEER_URI_SAN%',
};

/**
 * Envoy/Istio JSON access logs with the keys above (`meshConfig.accessLogEncoding: JSON`, typed: numbers for
 * codes/bytes, `null` for missing). The hand-written reader is the fast path; `readJsonObject` serves user formats.
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
  create(sink, options) {
    const correlator = createEnvoyCorrelator(sink, 'envoy');
    const fields = options.envoyFormat?.json;
    return {
      push(text, line) {
        const o = parseJsonObjectLine(text, line, sink);
        if (!o) return;
        correlator.push(fields ? readJsonObject(fields, o) : toEnvoyEntry(o), line);
      },
      end: () => correlator.end(),
    };
  },
};
