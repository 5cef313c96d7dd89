/**
 * Envoy access-log command operators (`%NAME(ARG):Z%`) and which field of an `EnvoyEntry` each one fills.
 * Names and semantics: envoyproxy/envoy docs/root/configuration/advanced/substitution_formatter.rst
 * (formerly docs/root/configuration/observability/access_log/usage.rst, "Command Operators").
 */

/** Where an operator's value goes before it becomes an `EnvoyEntry` (see `entryFromSlots`). */
export type EnvoySlot =
  | 'startTime'
  | 'method'
  | 'path'
  | 'protocol'
  | 'responseCode'
  | 'responseFlags'
  | 'responseFlagsLong'
  | 'responseCodeDetails'
  | 'connectionTerminationDetails'
  | 'grpcStatus'
  | 'bytesReceived'
  | 'bytesSent'
  | 'duration'
  | 'upstreamHost'
  | 'upstreamRemoteAddress'
  | 'upstreamRemoteIp'
  | 'upstreamRemotePort'
  | 'upstreamCluster'
  | 'upstreamLocalAddress'
  | 'upstreamLocalIp'
  | 'upstreamLocalPort'
  | 'downstreamLocalAddress'
  | 'downstreamLocalIp'
  | 'downstreamLocalPort'
  | 'downstreamRemoteAddress'
  | 'downstreamRemoteIp'
  | 'downstreamRemotePort'
  | 'downstreamDirectRemoteAddress'
  | 'requestedServerName'
  | 'downstreamPeerUriSan'
  | 'upstreamPeerUriSan';

export type EnvoySlots = Partial<Record<EnvoySlot, string>>;

export interface EnvoyOperator {
  /** As written, for diagnostics: `%REQ(:METHOD)%`. */
  text: string;
  name: string;
  arg?: string;
}

/** Operators whose value Eastwest reads, by name (header operators are decided by their argument below). */
const SLOT_OF: Record<string, EnvoySlot> = {
  START_TIME: 'startTime',
  PROTOCOL: 'protocol',
  RESPONSE_CODE: 'responseCode',
  RESPONSE_FLAGS: 'responseFlags',
  RESPONSE_FLAGS_LONG: 'responseFlagsLong',
  RESPONSE_CODE_DETAILS: 'responseCodeDetails',
  CONNECTION_TERMINATION_DETAILS: 'connectionTerminationDetails',
  GRPC_STATUS: 'grpcStatus',
  GRPC_STATUS_NUMBER: 'grpcStatus',
  BYTES_RECEIVED: 'bytesReceived',
  BYTES_SENT: 'bytesSent',
  DURATION: 'duration',
  UPSTREAM_HOST: 'upstreamHost',
  UPSTREAM_REMOTE_ADDRESS: 'upstreamRemoteAddress',
  UPSTREAM_REMOTE_ADDRESS_WITHOUT_PORT: 'upstreamRemoteIp',
  UPSTREAM_REMOTE_PORT: 'upstreamRemotePort',
  UPSTREAM_CLUSTER: 'upstreamCluster',
  UPSTREAM_CLUSTER_RAW: 'upstreamCluster',
  UPSTREAM_LOCAL_ADDRESS: 'upstreamLocalAddress',
  UPSTREAM_LOCAL_ADDRESS_WITHOUT_PORT: 'upstreamLocalIp',
  UPSTREAM_LOCAL_PORT: 'upstreamLocalPort',
  DOWNSTREAM_LOCAL_ADDRESS: 'downstreamLocalAddress',
  DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT: 'downstreamLocalIp',
  DOWNSTREAM_LOCAL_PORT: 'downstreamLocalPort',
  DOWNSTREAM_REMOTE_ADDRESS: 'downstreamRemoteAddress',
  DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT: 'downstreamRemoteIp',
  DOWNSTREAM_REMOTE_PORT: 'downstreamRemotePort',
  DOWNSTREAM_DIRECT_REMOTE_ADDRESS: 'downstreamDirectRemoteAddress',
  REQUESTED_SERVER_NAME: 'requestedServerName',
  DOWNSTREAM_PEER_URI_SAN: 'downstreamPeerUriSan',
  UPSTREAM_PEER_URI_SAN: 'upstreamPeerUriSan',
  PATH: 'path',
};

/** Envoy operators Eastwest has no use for: accepted without a diagnostic. */
const UNUSED = new Set(
  `START_TIME_LOCAL EMIT_TIME EMIT_TIME_LOCAL REQUEST_HEADERS_BYTES BYTES_RETRANSMITTED PACKETS_RETRANSMITTED UPSTREAM_PROTOCOL
  RESPONSE_HEADERS_BYTES RESPONSE_TRAILERS_BYTES UPSTREAM_REQUEST_ATTEMPT_COUNT UPSTREAM_WIRE_BYTES_SENT UPSTREAM_WIRE_BYTES_RECEIVED
  UPSTREAM_HEADER_BYTES_SENT UPSTREAM_DECOMPRESSED_HEADER_BYTES_SENT UPSTREAM_HEADER_BYTES_RECEIVED UPSTREAM_DECOMPRESSED_HEADER_BYTES_RECEIVED
  DOWNSTREAM_WIRE_BYTES_SENT DOWNSTREAM_WIRE_BYTES_RECEIVED DOWNSTREAM_HEADER_BYTES_SENT DOWNSTREAM_DECOMPRESSED_HEADER_BYTES_SENT
  DOWNSTREAM_HEADER_BYTES_RECEIVED DOWNSTREAM_DECOMPRESSED_HEADER_BYTES_RECEIVED COMMON_DURATION REQUEST_DURATION REQUEST_TX_DURATION
  RESPONSE_DURATION ROUNDTRIP_DURATION RESPONSE_TX_DURATION DOWNSTREAM_HANDSHAKE_DURATION UPSTREAM_CONNECTION_POOL_READY_DURATION
  ROUTE_NAME VIRTUAL_CLUSTER_NAME UPSTREAM_HOST_NAME UPSTREAM_HOST_NAME_WITHOUT_PORT UPSTREAM_REMOTE_ADDRESS_ENDPOINT_ID
  UPSTREAM_TRANSPORT_FAILURE_REASON DOWNSTREAM_TRANSPORT_FAILURE_REASON DOWNSTREAM_LOCAL_CLOSE_REASON DOWNSTREAM_DETECTED_CLOSE_TYPE
  DOWNSTREAM_DIRECT_REMOTE_ADDRESS_WITHOUT_PORT DOWNSTREAM_DIRECT_REMOTE_PORT DOWNSTREAM_DIRECT_LOCAL_ADDRESS
  DOWNSTREAM_DIRECT_LOCAL_ADDRESS_WITHOUT_PORT DOWNSTREAM_DIRECT_LOCAL_PORT DOWNSTREAM_LOCAL_ADDRESS_ENDPOINT_ID
  DOWNSTREAM_DIRECT_LOCAL_ADDRESS_ENDPOINT_ID CONNECTION_ID UPSTREAM_CONNECTION_ID STREAM_ID DYNAMIC_METADATA CLUSTER_METADATA
  UPSTREAM_METADATA FILTER_STATE UPSTREAM_FILTER_STATE DOWNSTREAM_LOCAL_IP_SAN DOWNSTREAM_PEER_IP_SAN DOWNSTREAM_LOCAL_DNS_SAN
  DOWNSTREAM_PEER_DNS_SAN DOWNSTREAM_LOCAL_URI_SAN DOWNSTREAM_LOCAL_EMAIL_SAN DOWNSTREAM_PEER_EMAIL_SAN DOWNSTREAM_LOCAL_OTHERNAME_SAN
  DOWNSTREAM_PEER_OTHERNAME_SAN DOWNSTREAM_LOCAL_SUBJECT DOWNSTREAM_PEER_SUBJECT DOWNSTREAM_PEER_ISSUER DOWNSTREAM_TLS_SESSION_ID
  DOWNSTREAM_TLS_CIPHER DOWNSTREAM_TLS_VERSION DOWNSTREAM_PEER_FINGERPRINT_256 DOWNSTREAM_PEER_FINGERPRINT_1 DOWNSTREAM_PEER_SERIAL
  DOWNSTREAM_PEER_CHAIN_FINGERPRINTS_256 DOWNSTREAM_PEER_CHAIN_FINGERPRINTS_1 DOWNSTREAM_PEER_CHAIN_SERIALS DOWNSTREAM_PEER_CERT
  TLS_JA3_FINGERPRINT TLS_JA4_FINGERPRINT DOWNSTREAM_PEER_CERT_V_START DOWNSTREAM_PEER_CERT_V_END UPSTREAM_PEER_SUBJECT
  UPSTREAM_PEER_ISSUER UPSTREAM_TLS_SESSION_ID UPSTREAM_TLS_CIPHER UPSTREAM_TLS_VERSION UPSTREAM_PEER_CERT UPSTREAM_PEER_CERT_V_START
  UPSTREAM_PEER_CERT_V_END UPSTREAM_PEER_DNS_SAN UPSTREAM_PEER_IP_SAN UPSTREAM_LOCAL_URI_SAN UPSTREAM_LOCAL_DNS_SAN UPSTREAM_LOCAL_IP_SAN
  HOSTNAME LOCAL_REPLY_BODY FILTER_CHAIN_NAME ACCESS_LOG_TYPE UNIQUE_ID ENVIRONMENT TRACE_ID QUERY_PARAM CUSTOM_FLAGS COALESCE
  METADATA CEL TYPED_CEL`.split(/\s+/),
);

/** Header operators: `%REQ(X?Y):Z%` and their long spellings; the header names decide the slot. */
const REQUEST_HEADER_OPS = new Set(['REQ', 'REQUEST_HEADER', 'REQ_WITHOUT_QUERY']);
const RESPONSE_HEADER_OPS = new Set(['RESP', 'RESPONSE_HEADER', 'TRAILER', 'RESPONSE_TRAILER']);

/** Operators that take an address without port and would give a CIDR (not a pod IP) when given a mask length. */
const MASKABLE = /_WITHOUT_PORT$/;

export type OperatorMeaning = { slot: EnvoySlot } | { unused: true } | { unknown: string };

/** What an operator means for Eastwest: the slot it fills, unused (a known operator), or unknown (with why). */
export function operatorMeaning(op: EnvoyOperator): OperatorMeaning {
  const { name, arg } = op;
  if (REQUEST_HEADER_OPS.has(name) || RESPONSE_HEADER_OPS.has(name)) {
    if (!arg) return { unknown: `${op.text} needs a header name` };
    const headers = arg.split('?').map((h) => h.trim().toLowerCase());
    if (REQUEST_HEADER_OPS.has(name)) {
      if (headers.includes(':method')) return { slot: 'method' };
      if (headers.includes(':path') || headers.includes('x-envoy-original-path')) return { slot: 'path' };
    } else if (headers.includes('grpc-status')) {
      // Trailers-only gRPC responses carry grpc-status in the headers, others in the trailers.
      return { slot: 'grpcStatus' };
    }
    return { unused: true };
  }
  const slot = SLOT_OF[name];
  if (slot) {
    if (arg && MASKABLE.test(name)) return { unknown: `${op.text} masks the address to a CIDR, which names no pod` };
    return { slot };
  }
  if (UNUSED.has(name)) return { unused: true };
  return { unknown: `${op.text} is not an Envoy command operator` };
}

/**
 * `%RESPONSE_FLAGS_LONG%` names (Pascal case) → the short flags `%RESPONSE_FLAGS%` prints, from the table in
 * substitution_formatter.rst, so verdicts read both the same way.
 */
export const LONG_RESPONSE_FLAGS: Record<string, string> = {
  NoHealthyUpstream: 'UH',
  UpstreamConnectionFailure: 'UF',
  UpstreamOverflow: 'UO',
  NoRouteFound: 'NR',
  UpstreamRetryLimitExceeded: 'URX',
  NoClusterFound: 'NC',
  DurationTimeout: 'DT',
  DownstreamConnectionTermination: 'DC',
  FailedLocalHealthCheck: 'LH',
  UpstreamRequestTimeout: 'UT',
  LocalReset: 'LR',
  UpstreamRemoteReset: 'UR',
  UpstreamConnectionTermination: 'UC',
  DelayInjected: 'DI',
  FaultInjected: 'FI',
  RateLimited: 'RL',
  UnauthorizedExternalService: 'UAEX',
  RateLimitServiceError: 'RLSE',
  InvalidEnvoyRequestHeaders: 'IH',
  StreamIdleTimeout: 'SI',
  DownstreamProtocolError: 'DPE',
  UpstreamProtocolError: 'UPE',
  UpstreamMaxStreamDurationReached: 'UMSDR',
  ResponseFromCacheFilter: 'RFCF',
  NoFilterConfigFound: 'NFCF',
  OverloadManagerTerminated: 'OM',
  DnsResolutionFailed: 'DF',
  DropOverload: 'DO',
  DownstreamRemoteReset: 'DR',
  UnconditionalDropOverload: 'UDO',
};

/**
 * One operator at `text[at]` (which is `%`), or undefined when the `%` starts none (a literal `%`).
 * The argument may itself hold `%` and `:` (`%START_TIME(%Y-%m-%dT%H:%M:%S)%`); it ends at the `)` that is
 * followed by `%` or by `:Z%` (the truncation length, which only shortens values and is ignored here).
 */
const OPERATOR = /%([A-Z][A-Z0-9_]*)(?:\(((?:[^)]|\)(?!(?::\d+)?%))*)\))?(?::\d+)?%/y;

export function operatorAt(text: string, at: number): (EnvoyOperator & { end: number }) | undefined {
  OPERATOR.lastIndex = at;
  const m = OPERATOR.exec(text);
  if (!m || m[1] === undefined) return undefined;
  return { text: m[0], name: m[1], ...(m[2] !== undefined ? { arg: m[2] } : {}), end: at + m[0].length };
}
