import type { Protocol } from '../../model/kubernetes';
import type { ObservedRuleRef, PeerHint, TrafficRecord } from '../model';
import type { FormatDefinition, ParserSink } from './types';
import { BoundedMap, isObject, normalizeTime, pathOf, parseJsonObjectLine } from './util';

/**
 * Cilium Hubble flows: `hubble observe -o json` (GetFlowsResponse envelope `{"flow":{…},"node_name":…}`),
 * the bare flow object of the legacy JSON printer, and Hubble exporter files (same envelope).
 * Schema: cilium/cilium api/v1/flow/flow.proto; protojson with original field names (`IP`, `Type`, `SYN`).
 *
 * One connection yields many events (trace at several observation points, policy verdict, drop, L7), so
 * L3/L4 events are deduplicated by 5-tuple: the first event counts the connection, later ones only add
 * verdicts not seen yet for it. Replies (`is_reply: true`, or `trace_reason: REPLY`, or SYN+ACK when
 * `is_reply` is unknown) carry responder→initiator addresses and never create edges.
 * L7 HTTP requests count one request each (method + path); L7 responses are replies.
 */

type Json = Record<string, unknown>;

/** Bound on remembered connections (5-tuples); older ones are forgotten, so a very long stream may count a connection twice. */
const MAX_TRACKED_CONNECTIONS = 200_000;

function endpointHint(ep: unknown, ip: string | undefined, port: number): PeerHint {
  const hint: PeerHint = { ip, port };
  if (!isObject(ep)) return hint;
  const ns = ep.namespace;
  const pod = ep.pod_name;
  if (typeof ns === 'string' && ns) hint.namespace = ns;
  if (typeof pod === 'string' && pod) hint.podName = pod;
  const workloads = ep.workloads;
  if (Array.isArray(workloads) && isObject(workloads[0]) && typeof workloads[0].name === 'string') {
    hint.workload = { name: workloads[0].name, kind: typeof workloads[0].kind === 'string' ? workloads[0].kind : undefined };
  }
  const labels = ep.labels;
  if (Array.isArray(labels)) {
    for (const l of labels) {
      if (typeof l !== 'string') continue;
      if (l.startsWith('reserved:')) {
        // Reserved identities (host, world, kube-apiserver, remote-node, health, ingress…) have no pod.
        if (!hint.reserved) hint.reserved = l.slice(9);
      } else if (l.startsWith('k8s:io.cilium.k8s.policy.serviceaccount=')) {
        hint.serviceAccount = l.slice(40);
      }
    }
  }
  return hint;
}

function ruleRefs(v: unknown, direction: 'ingress' | 'egress'): ObservedRuleRef[] {
  if (!Array.isArray(v)) return [];
  const out: ObservedRuleRef[] = [];
  for (const p of v) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    out.push({
      kind: typeof p.kind === 'string' ? p.kind : 'Unknown',
      ...(typeof p.namespace === 'string' && p.namespace ? { namespace: p.namespace } : {}),
      name: p.name,
      direction,
    });
  }
  return out;
}

function verdictOf(flow: Json): string {
  const v = typeof flow.verdict === 'string' ? flow.verdict.toLowerCase() : 'unknown';
  if (v === 'dropped') {
    const reason = flow.drop_reason_desc ?? flow.drop_reason;
    return reason !== undefined ? `dropped:${String(reason)}` : 'dropped';
  }
  return v;
}

function isReply(flow: Json, tcpFlags: Json | undefined): boolean {
  if (flow.is_reply === true) return true;
  if (flow.is_reply === false) return false;
  // is_reply is a BoolValue: absent = unknown (always on drops).
  if (flow.trace_reason === 'REPLY') return true;
  return !!tcpFlags && tcpFlags.SYN === true && tcpFlags.ACK === true;
}

export const hubbleFormat: FormatDefinition = {
  unit: 'lines',
  create(sink: ParserSink) {
    // Value: the verdicts already recorded for the connection, `\n`-separated (cheaper than a Set per connection).
    const seen = new BoundedMap<string, string>(MAX_TRACKED_CONNECTIONS);
    return {
      push(text, line) {
        // Fast path: protojson writes `"is_reply":true` only as the flow's own key (inside strings quotes are
        // escaped), and replies never make edges, so they are skipped without parsing (about half of all events).
        if (text.includes('"is_reply":true')) {
          sink.skip(line, 'reply');
          return;
        }
        const obj = parseJsonObjectLine(text, line, sink);
        if (!obj) return;
        const flow = isObject(obj.flow) ? obj.flow : obj.verdict !== undefined || obj.IP !== undefined ? obj : undefined;
        if (!flow) {
          // Other GetFlowsResponse kinds: node_status, lost_events.
          sink.skip(line, 'not-traffic');
          return;
        }
        parseFlow(flow, line, sink, seen);
      },
      end() {},
    };
  },
};

function parseFlow(flow: Json, line: number, sink: ParserSink, seen: BoundedMap<string, string>): void {
  const ip = isObject(flow.IP) ? flow.IP : undefined;
  const l4 = isObject(flow.l4) ? flow.l4 : undefined;
  if (!ip || !l4) {
    sink.skip(line, l4 || ip ? 'unsupported-protocol' : 'not-traffic');
    return;
  }
  let protocol: Protocol;
  let l4v: Json;
  if (isObject(l4.TCP)) [protocol, l4v] = ['TCP', l4.TCP];
  else if (isObject(l4.UDP)) [protocol, l4v] = ['UDP', l4.UDP];
  else if (isObject(l4.SCTP)) [protocol, l4v] = ['SCTP', l4.SCTP];
  else {
    sink.skip(line, 'unsupported-protocol'); // ICMP
    return;
  }
  const tcpFlags = isObject(l4v.flags) ? l4v.flags : undefined;
  if (isReply(flow, tcpFlags)) {
    sink.skip(line, 'reply');
    return;
  }
  const srcIp = typeof ip.source === 'string' ? ip.source : undefined;
  const dstIp = typeof ip.destination === 'string' ? ip.destination : undefined;
  const srcPort = typeof l4v.source_port === 'number' ? l4v.source_port : 0;
  const dstPort = typeof l4v.destination_port === 'number' ? l4v.destination_port : undefined;
  const time = typeof flow.time === 'string' ? normalizeTime(flow.time) : undefined;
  if (!srcIp || !dstIp || dstPort === undefined || !time) {
    sink.skip(line, 'missing-field', 'flow without IP addresses, destination port or time');
    return;
  }
  const verdict = verdictOf(flow);
  const record: TrafficRecord = {
    line,
    source: endpointHint(flow.source, srcIp, srcPort),
    destination: endpointHint(flow.destination, dstIp, dstPort),
    port: dstPort,
    protocol,
    count: 1,
    countUnit: 'connections',
    time,
    verdict,
    observedBy: 'hubble',
  };

  const l7 = isObject(flow.l7) ? flow.l7 : undefined;
  if (l7) {
    if (l7.type === 'RESPONSE') {
      sink.skip(line, 'reply');
      return;
    }
    const http = isObject(l7.http) ? l7.http : undefined;
    if (http) {
      // Each L7 HTTP request is its own unit of count; several share one TCP connection.
      record.countUnit = 'requests';
      if (typeof http.method === 'string') record.method = http.method;
      if (typeof http.url === 'string') record.path = pathOf(http.url);
      const ct = Array.isArray(http.headers)
        ? http.headers.find((h) => isObject(h) && h.key === 'content-type' && typeof h.value === 'string' && h.value.startsWith('application/grpc'))
        : undefined;
      record.appProtocol = ct ? 'grpc' : 'http';
      sink.record(record);
      return;
    }
    if (isObject(l7.dns)) record.appProtocol = 'dns';
    else if (isObject(l7.kafka)) record.appProtocol = 'kafka';
  }

  const allowed = [...ruleRefs(flow.ingress_allowed_by, 'ingress'), ...ruleRefs(flow.egress_allowed_by, 'egress')];
  const denied = [...ruleRefs(flow.ingress_denied_by, 'ingress'), ...ruleRefs(flow.egress_denied_by, 'egress')];
  if (allowed.length) record.allowedBy = allowed;
  if (denied.length) record.deniedBy = denied;

  const key = `${protocol}|${srcIp}|${srcPort}|${dstIp}|${dstPort}`;
  const verdicts = seen.get(key);
  if (verdicts === undefined) {
    seen.set(key, verdict);
    sink.record(record);
    return;
  }
  const known = verdicts === verdict || verdicts.split('\n').includes(verdict);
  if (known && !allowed.length && !denied.length) {
    sink.skip(line, 'duplicate');
    return;
  }
  // Same connection, new information (a drop after a forward, the policy that decided): add it, count nothing.
  // An empty verdict tells the aggregator that only the rule references are new.
  if (known) record.verdict = '';
  else seen.set(key, `${verdicts}\n${verdict}`);
  record.count = 0;
  sink.record(record);
}
