import type { PeerHint, TrafficRecord } from '../model';
import { type FormatDefinition, MISSING_DESTINATION, type ParserOptions } from './types';
import { httpVerdict, normalizeTime, num, pathOf, str, parseJsonObjectLine } from './util';

/**
 * NGINX JSON access logs (`log_format … escape=json`) of an mTLS-terminating server, like the seed's
 * `internal_api` format: time, client_cn, client_verify, remote_addr, server_name, server_port,
 * request_method, request_uri, status, body_bytes_sent, grpc_status.
 * The log is server-side only, so the destination is the server: `server_name` when it is a Service
 * FQDN, else the `destination` import option. The CN is trusted only when `client_verify` is
 * `SUCCESS` (nginx ngx_http_ssl_module: `NONE` = no certificate, `FAILED:<reason>` = rejected).
 */
export function destinationFromOption(options: ParserOptions): { endpoint: string; port?: number } | undefined {
  if (!options.destination) return undefined;
  const m = /^([^/:]+\/[^/:]+)(?::(\d+))?$/.exec(options.destination);
  if (!m || !m[1]) return undefined;
  return { endpoint: m[1], port: m[2] ? Number(m[2]) : undefined };
}

export function serviceFromHost(host: string | undefined): { namespace: string; name: string } | undefined {
  const m = host ? /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.|$)/.exec(host) : null;
  return m && m[1] && m[2] ? { name: m[1], namespace: m[2] } : undefined;
}

export const nginxJsonFormat: FormatDefinition = {
  unit: 'lines',
  create(sink, options) {
    const fixed = destinationFromOption(options);
    return {
      push(text, line) {
        const o = parseJsonObjectLine(text, line, sink);
        if (!o) return;
        const time = str(o.time) ?? str(o.time_iso8601) ?? str(o.timestamp);
        const t = time ? normalizeTime(time) : undefined;
        const remote = str(o.remote_addr);
        if (!t || !remote) {
          sink.skip(line, 'missing-field', 'entry without time or remote_addr');
          return;
        }
        const verify = str(o.client_verify) ?? 'NONE';
        const source: PeerHint = { ip: remote, port: num(o.remote_port) };
        const cn = str(o.client_cn);
        if (cn && verify === 'SUCCESS') source.certCN = cn;

        const destination: PeerHint = {};
        const svc = serviceFromHost(str(o.server_name) ?? str(o.host));
        if (fixed) destination.endpoint = fixed.endpoint;
        else if (svc) destination.service = svc;
        const serverAddr = str(o.server_addr);
        if (serverAddr) destination.ip = serverAddr;
        const port = fixed?.port ?? num(o.server_port);
        if (port === undefined || (!destination.endpoint && !destination.service && !destination.ip)) {
          sink.skip(line, 'missing-field', 'no destination: the entry has no server_name that is a Service FQDN nor server_addr, and the import names no destination for this log', MISSING_DESTINATION);
          return;
        }
        const status = num(o.status);
        const method = str(o.request_method);
        const path = str(o.request_uri);
        const grpc = num(o.grpc_status);
        const record: TrafficRecord = {
          line,
          source,
          destination,
          port,
          protocol: 'TCP',
          count: 1,
          countUnit: 'requests',
          time: t,
          verdict: verify.startsWith('FAILED') ? 'denied:client-certificate' : httpVerdict(status, grpc),
          observedBy: 'nginx',
          appProtocol: (str(o.server_protocol) ?? '').startsWith('HTTP/2') && path && /^\/[\w.]+\/\w+$/.test(pathOf(path)) ? 'grpc' : 'http',
        };
        if (method) record.method = method;
        if (path) record.path = pathOf(path);
        const bytes = num(o.body_bytes_sent);
        if (bytes) record.bytes = bytes;
        sink.record(record);
      },
      end() {},
    };
  },
};
