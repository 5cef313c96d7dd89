import type { PeerHint, TrafficRecord } from '../model';
import type { FormatDefinition } from './types';
import { isReverseDirection } from './vpc-direction';
import { BoundedMap, isObject, normalizeTime, num, protocolFromNumber, str } from './util';

/**
 * GCP VPC Flow Logs exported from Cloud Logging (cloud.google.com/vpc/docs/about-flow-logs-records): LogEntry JSON
 * with `jsonPayload.connection{src_ip,src_port,dest_ip,dest_port,protocol}`, `reporter` SRC/DEST (the same
 * connection reported by both ends counts once), int64 counters as strings, optional `src_gke_details` /
 * `dest_gke_details` naming pod and workload (annotated, approximate: the IP is checked against the inventory first).
 */
const MAX_TRACKED = 200_000;

function gkeHint(ip: string, port: number, details: unknown): PeerHint {
  const hint: PeerHint = { ip, port };
  if (!isObject(details) || !isObject(details.pod)) return hint;
  const pod = details.pod;
  if (typeof pod.pod_namespace === 'string') hint.namespace = pod.pod_namespace;
  if (typeof pod.pod_name === 'string') hint.podName = pod.pod_name;
  if (isObject(pod.pod_workload) && typeof pod.pod_workload.workload_name === 'string') {
    const type = typeof pod.pod_workload.workload_type === 'string' ? pod.pod_workload.workload_type : '';
    const kind = { DEPLOYMENT: 'Deployment', STATEFULSET: 'StatefulSet', DAEMONSET: 'DaemonSet', JOB: 'Job', CRONJOB: 'CronJob' }[type];
    hint.workload = { name: pod.pod_workload.workload_name, ...(kind ? { kind } : {}) };
  }
  return hint;
}

export const gcpVpcFormat: FormatDefinition = {
  unit: 'lines',
  create(sink, _options, helpers) {
    const seen = new BoundedMap<string, true>(MAX_TRACKED);
    return {
      push(text, line) {
        let o: unknown;
        try {
          o = JSON.parse(text);
        } catch {
          sink.skip(line, 'invalid-json', 'not valid JSON');
          return;
        }
        const p = isObject(o) && isObject(o.jsonPayload) ? o.jsonPayload : undefined;
        const c = p && isObject(p.connection) ? p.connection : undefined;
        if (!p || !c) {
          sink.skip(line, 'invalid-record', 'expected a LogEntry with jsonPayload.connection');
          return;
        }
        const src = str(c.src_ip);
        const dst = str(c.dest_ip);
        const sport = num(c.src_port) ?? 0;
        const dport = num(c.dest_port);
        const protocol = protocolFromNumber(num(c.protocol) ?? -1);
        const rawTime = str(p.start_time) ?? (isObject(o) ? str(o.timestamp) : undefined);
        const time = rawTime ? normalizeTime(rawTime) : undefined;
        if (!src || !dst || dport === undefined || !time) {
          sink.skip(line, 'missing-field', 'connection without addresses, destination port or time');
          return;
        }
        if (!protocol) {
          sink.skip(line, 'unsupported-protocol');
          return;
        }
        if (isReverseDirection(helpers, src, sport, dst, dport, protocol)) {
          sink.skip(line, 'reply');
          return;
        }
        const key = `${protocol}|${src}|${sport}|${dst}|${dport}|${time}`;
        if (seen.has(key)) {
          sink.skip(line, 'duplicate');
          return;
        }
        seen.set(key, true);
        const record: TrafficRecord = {
          line,
          source: gkeHint(src, sport, p.src_gke_details),
          destination: gkeHint(dst, dport, p.dest_gke_details),
          port: dport,
          protocol,
          count: 1,
          countUnit: 'connections',
          time,
          verdict: 'accepted',
          observedBy: 'gcp-vpc',
        };
        const end = str(p.end_time);
        const endTime = end ? normalizeTime(end) : undefined;
        if (endTime) record.endTime = endTime;
        const bytes = num(p.bytes_sent);
        if (bytes) record.bytes = bytes;
        sink.record(record);
      },
      end() {},
    };
  },
};
