import type { EnvoyEntry } from './envoy-entry';
import { createEnvoyCorrelator } from './envoy-entry';
import type { FormatDefinition } from './types';
import { num, str } from './util';

/**
 * Istio's default TEXT access log (EnvoyTextLogFormat in istio/istio pilot/pkg/model/telemetry_logging.go):
 * [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS%
 * %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED%
 * %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 * "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% %UPSTREAM_LOCAL_ADDRESS%
 * %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%
 * Missing values are `-`.
 */
const FIELD_COUNT = 22;

/** Splits on spaces, keeping `"…"` and `[…]` groups (quotes removed). */
export function tokenizeEnvoyText(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ') {
      i++;
      continue;
    }
    if (c === '"' || c === '[') {
      const close = c === '"' ? '"' : ']';
      let j = i + 1;
      while (j < line.length && line[j] !== close) j += line[j] === '\\' ? 2 : 1;
      out.push(line.slice(i + 1, j));
      i = j + 1;
    } else {
      let j = i;
      while (j < line.length && line[j] !== ' ') j++;
      out.push(line.slice(i, j));
      i = j;
    }
  }
  return out;
}

export function parseEnvoyTextLine(line: string): EnvoyEntry | undefined {
  const t = tokenizeEnvoyText(line);
  if (t.length < FIELD_COUNT) return undefined;
  const [method, path, protocol] = (t[1] ?? '').split(' ');
  return {
    startTime: str(t[0]),
    method: str(method),
    path: str(path),
    protocol: str(protocol),
    responseCode: num(t[2]),
    responseFlags: str(t[3]),
    responseCodeDetails: str(t[4]),
    connectionTerminationDetails: str(t[5]),
    bytesReceived: num(t[7]),
    bytesSent: num(t[8]),
    duration: num(t[9]),
    upstreamHost: str(t[15]),
    upstreamCluster: str(t[16]),
    upstreamLocalAddress: str(t[17]),
    downstreamLocalAddress: str(t[18]),
    downstreamRemoteAddress: str(t[19]),
    requestedServerName: str(t[20]),
  };
}

export const envoyTextFormat: FormatDefinition = {
  unit: 'lines',
  create(sink) {
    const correlator = createEnvoyCorrelator(sink, 'envoy');
    return {
      push(text, line) {
        const e = parseEnvoyTextLine(text);
        if (!e) {
          sink.skip(line, 'invalid-record', `expected ${FIELD_COUNT} fields of Istio's default text access log`);
          return;
        }
        correlator.push(e, line);
      },
      end: () => correlator.end(),
    };
  },
};
