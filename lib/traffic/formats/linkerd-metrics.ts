import type { CountUnit, PeerHint, SkipReason, TrafficRecord } from '../model';
import { parsePromSample, type PromSample } from './prometheus-text';
import type { FormatDefinition, ParserSink } from './types';
import { httpVerdict } from './util';

/**
 * Linkerd proxy metrics in the Prometheus text format: `linkerd diagnostics proxy-metrics` (each pod's scrape
 * after `#\n# POD <name> (i of n)\n#`, linkerd2 cli/cmd/diagnostics_proxy_metrics.go) or one proxy's
 * `:4191/metrics`. Series used (linkerd.io "Proxy Metrics"):
 * - `request_total{direction="inbound",client_id,target_ip,target_port,…}`: requests the scraped pod served;
 * - `inbound_http_authz_allow_total` / `inbound_http_authz_deny_total{client_id | tls="no_identity"}`: HTTP
 *   requests authorized / refused by the pod's Server policy (gRPC denials reach the client as HTTP 200 +
 *   grpc-status 7); `inbound_tcp_authz_{allow,deny}_total`: TCP connections;
 * - `request_total{direction="outbound",dst_deployment,dst_namespace,dst_pod,target_ip,target_port}` and its
 *   `response_total{status_code,grpc_status}`: requests the scraped pod sent.
 * Counters are cumulative since the proxy started: a sample's value is its count; a zero counter is no traffic.
 *
 * Each request counts once (as the Envoy parser does): allowed inbound requests appear both in `request_total`
 * and in `inbound_http_authz_allow_total`, so the latter is used only where the pod has no inbound
 * `request_total` for that client and port; outbound series towards a pod IP and port that has inbound series
 * in the same file are that server's requests (allowed or denied) seen from the client, so only the inbound
 * side is kept (a proxy's inbound series cover every client it served).
 * Denied requests are taken from the authz deny counters only: inbound `request_total` is assumed not to count
 * them (authorization runs before the HTTP metrics layer; the sample agrees: paymentservice's request_total has
 * no frontend series while its deny counter has 3). If a proxy version counted them in both, U1-style denials
 * would show twice (once `forwarded` from request_total, once `rbac_denied`).
 * `tcp_open_total` etc. count the connections carrying those requests and are not imported as edges.
 *
 * The whole scrape is kept until the end to apply that rule; it is bounded by the number of series
 * (peers × ports × status codes), not by traffic volume.
 */

interface Series {
  line: number;
  pod?: string;
  sample: PromSample;
}

const POD_HEADER = /^#\s*POD\s+(\S+)/;
const AUTHZ: Record<string, { verdict: string; unit: CountUnit }> = {
  inbound_http_authz_allow_total: { verdict: 'forwarded', unit: 'requests' },
  inbound_http_authz_deny_total: { verdict: 'rbac_denied', unit: 'requests' },
  inbound_tcp_authz_allow_total: { verdict: 'forwarded', unit: 'connections' },
  inbound_tcp_authz_deny_total: { verdict: 'rbac_denied', unit: 'connections' },
};
/** Labels that distinguish the responses of one request series. */
const RESPONSE_LABELS = new Set(['status_code', 'classification', 'grpc_status', 'error']);

const port = (labels: Record<string, string>): number | undefined => {
  const p = Number(labels.target_port ?? labels.target_addr?.split(':').pop());
  return Number.isInteger(p) && p > 0 && p < 65536 ? p : undefined;
};

/** The client of an inbound series: its mTLS identity, or nothing (`tls="no_identity"`, plaintext) — then unresolved. */
function client(labels: Record<string, string>): PeerHint {
  return labels.client_id ? { linkerdId: labels.client_id } : {};
}

const clientKey = (s: Series): string => `${s.pod ?? s.sample.labels.target_ip ?? ''}|${s.sample.labels.client_id ?? `tls:${s.sample.labels.tls ?? ''}`}|${port(s.sample.labels) ?? ''}`;

function requestKey(s: Series): string {
  const rest = Object.entries(s.sample.labels)
    .filter(([k]) => !RESPONSE_LABELS.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  return `${s.pod ?? ''}|${rest.join(',')}`;
}

export const linkerdMetricsFormat: FormatDefinition = {
  unit: 'lines',
  create(sink: ParserSink, options) {
    const series: Series[] = [];
    let pod: string | undefined;

    return {
      push(text, line) {
        const t = text.trim();
        if (t.startsWith('#')) {
          const m = POD_HEADER.exec(t);
          if (m) pod = m[1];
          sink.skip(line, 'header');
          return;
        }
        const sample = parsePromSample(t);
        if (typeof sample === 'string') {
          sink.skip(line, 'invalid-record', `not a Prometheus sample: ${sample}`);
          return;
        }
        series.push({ line, pod, sample });
      },
      end() {
        // What the file tells about the scraped pods: their namespace (from other pods' dst_* labels) and IP.
        const podNamespace = new Map<string, string>();
        const podIp = new Map<string, string>();
        /** `ip|port` the file has inbound series for: that proxy reports every client it served on that port. */
        const inboundTargets = new Set<string>();
        const inboundRequests = new Set<string>();
        const responses = new Map<string, Series[]>();
        for (const s of series) {
          const l = s.sample.labels;
          if (l.dst_pod && l.dst_namespace) podNamespace.set(l.dst_pod, l.dst_namespace);
          const inbound = l.direction === 'inbound' || s.sample.name in AUTHZ;
          if (inbound && l.target_ip) {
            inboundTargets.add(`${l.target_ip}|${port(l) ?? ''}`);
            if (s.pod) podIp.set(s.pod, l.target_ip);
          }
          if (s.sample.name === 'request_total' && l.direction === 'inbound') inboundRequests.add(clientKey(s));
          if (s.sample.name === 'response_total' && l.direction === 'outbound') {
            const k = requestKey(s);
            const list = responses.get(k);
            if (list) list.push(s);
            else responses.set(k, [s]);
          }
        }

        const self = (p: string | undefined, ip: string | undefined): PeerHint => {
          const hint: PeerHint = {};
          const ns = p ? podNamespace.get(p) : undefined;
          if (p && ns) {
            hint.podName = p;
            hint.namespace = ns;
          }
          const addr = ip ?? (p ? podIp.get(p) : undefined);
          if (addr) hint.ip = addr;
          return hint;
        };
        let records = 0;
        let unknownSource = 0;
        const noIdentity = new Set<string>();
        const emit = (s: Series, source: PeerHint, destination: PeerHint, unit: CountUnit, verdict: string, appProtocol?: string): void => {
          const p = port(s.sample.labels);
          if (p === undefined) {
            sink.skip(s.line, 'missing-field', `${s.sample.name} without target_port/target_addr`);
            return;
          }
          const r: TrafficRecord = {
            line: s.line,
            source,
            destination,
            port: p,
            protocol: 'TCP',
            count: s.sample.value,
            countUnit: unit,
            time: s.sample.timestampMs !== undefined ? new Date(s.sample.timestampMs).toISOString() : options.defaultTime,
            verdict,
            observedBy: 'linkerd',
          };
          if (appProtocol) r.appProtocol = appProtocol;
          sink.record(r);
          records++;
        };
        const skip = (s: Series, reason: SkipReason): void => sink.skip(s.line, reason);

        for (const s of series) {
          const { name, labels: l, value } = s.sample;
          const isTraffic = name in AUTHZ || name === 'request_total' || name === 'response_total';
          if (!isTraffic) {
            skip(s, 'not-traffic');
            continue;
          }
          // Prometheus counters are floats in general; Linkerd's request and connection counters are whole numbers.
          if (!Number.isInteger(value) || value < 0) {
            sink.skip(s.line, 'invalid-record', `${name} has a value that is not a request or connection count: ${value}`);
            continue;
          }
          if (value === 0) {
            skip(s, 'no-data');
            continue;
          }
          const authz = AUTHZ[name];
          if (authz || (name === 'request_total' && l.direction === 'inbound')) {
            if (!l.client_id) noIdentity.add(`${l.tls ?? ''}${l.no_tls_reason ? ` (${l.no_tls_reason})` : ''}`);
          }
          if (authz) {
            if (name === 'inbound_http_authz_allow_total' && inboundRequests.has(clientKey(s))) {
              skip(s, 'merged'); // the same requests as the pod's inbound request_total
              continue;
            }
            emit(s, client(l), self(s.pod, l.target_ip), authz.unit, authz.verdict);
            continue;
          }
          if (l.direction === 'inbound') {
            if (name === 'request_total') emit(s, client(l), self(s.pod, l.target_ip), 'requests', 'forwarded');
            else skip(s, 'merged'); // inbound response_total: the same requests, split by status
            continue;
          }
          if (l.direction !== 'outbound') {
            skip(s, 'not-traffic');
            continue;
          }
          // Outbound: the server's own (inbound) series count these requests when it was scraped too.
          if (l.target_ip && inboundTargets.has(`${l.target_ip}|${port(l) ?? ''}`)) {
            skip(s, 'duplicate');
            continue;
          }
          const source = self(s.pod, undefined);
          if (!source.ip && !source.podName) unknownSource++;
          const destination: PeerHint = {};
          if (l.target_ip) destination.ip = l.target_ip;
          if (l.dst_namespace) destination.namespace = l.dst_namespace;
          if (l.dst_pod && l.dst_namespace) destination.podName = l.dst_pod;
          if (l.dst_deployment) destination.workload = { kind: 'Deployment', name: l.dst_deployment };
          if (l.server_id) destination.linkerdId = l.server_id;
          if (name === 'request_total') {
            // Counted by its responses when they are there (they carry the verdict), else as the request count.
            if (responses.has(requestKey(s))) skip(s, 'merged');
            else emit(s, source, destination, 'requests', 'unknown');
            continue;
          }
          const status = l.status_code ? Number(l.status_code) : undefined;
          const grpc = l.grpc_status !== undefined && l.grpc_status !== '' ? Number(l.grpc_status) : undefined;
          emit(s, source, destination, 'requests', httpVerdict(status, grpc), grpc !== undefined ? 'grpc' : undefined);
        }

        if (unknownSource > 0) {
          sink.diagnostic({
            severity: 'warning',
            code: 'unknown-source-pod',
            message: `${unknownSource} outbound series come from a pod whose namespace and IP the file does not show (proxy-metrics prints only the pod name): their source is unresolved`,
          });
        }
        if (noIdentity.size > 0) {
          sink.diagnostic({
            severity: 'info',
            code: 'no-client-identity',
            message: `some inbound series have no client_id (tls=${[...noIdentity].sort().join(', ')}): a plaintext or unmeshed client, which proxy metrics do not name; listed as unresolved sources`,
          });
        }
        if (records > 0 && !series.some((s) => s.sample.timestampMs !== undefined)) {
          sink.diagnostic({
            severity: 'info',
            code: 'no-timestamps',
            message: `proxy metrics are cumulative counters without timestamps: first/last seen are ${options.defaultTime}`,
          });
        }
      },
    };
  },
};
