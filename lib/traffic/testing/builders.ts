import type { Inventory, Pod } from '../../model/kubernetes';

/** Small builders for synthetic records in the exact shape of each tool (see the README of fixtures/boutique §4). */

export interface FlowEnd {
  ip: string;
  port: number;
  pod?: string;
  namespace?: string;
  workload?: string;
  labels?: string[];
}

export function hubbleFlow(o: {
  src: FlowEnd;
  dst: FlowEnd;
  verdict?: string;
  isReply?: boolean;
  time?: string;
  protocol?: 'TCP' | 'UDP';
  dropReason?: string;
  envelope?: boolean;
  extra?: Record<string, unknown>;
}): string {
  const ep = (e: FlowEnd) => ({
    ...(e.namespace ? { namespace: e.namespace } : {}),
    ...(e.pod ? { pod_name: e.pod } : {}),
    labels: e.labels ?? [],
    ...(e.workload ? { workloads: [{ name: e.workload, kind: 'Deployment' }] } : {}),
  });
  const flow = {
    time: o.time ?? '2026-03-12T09:41:00.000000001Z',
    verdict: o.verdict ?? 'FORWARDED',
    ...(o.dropReason ? { drop_reason_desc: o.dropReason } : {}),
    IP: { source: o.src.ip, destination: o.dst.ip, ipVersion: 'IPv4' },
    l4: { [o.protocol ?? 'TCP']: { source_port: o.src.port, destination_port: o.dst.port, ...(o.protocol === 'UDP' ? {} : { flags: { SYN: true, ...(o.isReply ? { ACK: true } : {}) } }) } },
    source: ep(o.src),
    destination: ep(o.dst),
    Type: 'L3_L4',
    event_type: { type: 4 },
    ...(o.isReply !== undefined ? { is_reply: o.isReply } : {}),
    ...o.extra,
  };
  return JSON.stringify(o.envelope === false ? flow : { flow, node_name: 'boutique-prod/node', time: flow.time });
}

/** An Envoy JSON access-log line with Istio's default keys; unspecified fields are null. */
export function envoyJson(fields: Record<string, unknown>): string {
  return JSON.stringify({
    start_time: '2026-03-12T09:41:00.000Z',
    method: 'POST',
    path: '/hipstershop.EmailService/SendOrderConfirmation',
    protocol: 'HTTP/2',
    response_code: 200,
    response_flags: '-',
    response_code_details: 'via_upstream',
    connection_termination_details: null,
    bytes_received: 10,
    bytes_sent: 5,
    duration: 1,
    upstream_host: null,
    upstream_cluster: null,
    upstream_local_address: null,
    downstream_local_address: null,
    downstream_remote_address: null,
    requested_server_name: null,
    ...fields,
  });
}

/** A copy of the inventory with one pod changed. */
export function withPod(inv: Inventory, name: string, change: (p: Pod) => Pod): Inventory {
  return { ...inv, pods: inv.pods.map((p) => (p.name === name ? change(p) : p)) };
}

export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
