import { closeSync, openSync, writeSync } from 'node:fs';
import type { Inventory, Pod, Service, Workload } from '../lib/model/kubernetes';
import { mulberry32 } from '../lib/util/seeded-random';

/**
 * Deterministic synthetic cluster and Hubble flows for the traffic import benchmark:
 * 20 namespaces × 20 Deployments × 5 pods = 2,000 pods on 40 nodes, each Deployment with a ClusterIP Service.
 * Flows look like `hubble observe -o json` output (fixtures/boutique/hubble): per connection a NEW trace at the
 * destination, a reply, and for some a policy verdict, a drop (with retransmits) or an L7 HTTP request/response.
 */
export const NAMESPACES = 20;
export const WORKLOADS_PER_NS = 20;
export const PODS_PER_WORKLOAD = 5;

/** Small deterministic PRNG, so every run generates the same file. */
export const rng = mulberry32;

const podIp = (i: number) => `10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
const nodeName = (n: number) => `ip-10-250-0-${n}.eu-west-1.compute.internal`;

export interface BenchCluster {
  inventory: Inventory;
  pods: Pod[];
  identities: Map<string, number>;
}

export function buildBenchCluster(): BenchCluster {
  const inv: Inventory = { namespaces: [], workloads: [], pods: [], services: [], serviceAccounts: [], endpointSlices: [], nodes: [] };
  for (let n = 0; n < 40; n++) inv.nodes.push({ name: nodeName(n), ips: [`10.250.0.${n}`], labels: {} });
  const identities = new Map<string, number>();
  let podIndex = 1;
  for (let ns = 0; ns < NAMESPACES; ns++) {
    const namespace = `team-${ns}`;
    inv.namespaces.push({ name: namespace, labels: { 'kubernetes.io/metadata.name': namespace }, annotations: {} });
    for (let w = 0; w < WORKLOADS_PER_NS; w++) {
      const name = `svc-${w}`;
      const port = 8000 + w;
      const labels = { app: name };
      const workload: Workload = { kind: 'Deployment', namespace, name, podLabels: labels, podAnnotations: {}, serviceAccount: name, ports: [{ name: 'http', port, protocol: 'TCP' }], containers: ['app'], hostNetwork: false };
      inv.workloads.push(workload);
      inv.serviceAccounts.push({ namespace, name });
      identities.set(`${namespace}/${name}`, 10000 + identities.size);
      const svc: Service = { namespace, name, type: 'ClusterIP', clusterIPs: [`172.20.${ns}.${w + 1}`], selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] };
      inv.services.push(svc);
      for (let p = 0; p < PODS_PER_WORKLOAD; p++) {
        const node = podIndex % 40;
        inv.pods.push({
          namespace,
          name: `${name}-7d9f8b6c5-${String(p).padStart(5, 'x')}`,
          labels: { ...labels, 'pod-template-hash': '7d9f8b6c5' },
          annotations: {},
          ips: [podIp(podIndex)],
          nodeName: nodeName(node),
          hostIP: `10.250.0.${node}`,
          hostNetwork: false,
          serviceAccount: name,
          ports: workload.ports,
          containers: ['app'],
          phase: 'Running',
          workload: { kind: 'Deployment', namespace, name },
          synthetic: false,
        });
        podIndex++;
      }
    }
  }
  return { inventory: inv, pods: inv.pods, identities };
}

function endpoint(pod: Pod, identity: number) {
  const ns = pod.namespace;
  return {
    identity,
    cluster_name: 'bench',
    namespace: ns,
    labels: [
      `k8s:app=${pod.workload.name}`,
      `k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=${ns}`,
      `k8s:io.cilium.k8s.namespace.labels.team=${ns}`,
      'k8s:io.cilium.k8s.policy.cluster=bench',
      `k8s:io.cilium.k8s.policy.serviceaccount=${pod.serviceAccount}`,
      `k8s:io.kubernetes.pod.namespace=${ns}`,
    ],
    pod_name: pod.name,
    workloads: [{ name: pod.workload.name, kind: 'Deployment' }],
  };
}

/** Writes `lines` flow lines to `file`; returns the number of bytes written. */
export function writeBenchFlows(file: string, lines: number, cluster: BenchCluster): number {
  const rand = rng(42);
  const fd = openSync(file, 'w');
  let bytes = 0;
  let batch: string[] = [];
  let written = 0;
  let t = Date.parse('2026-03-12T09:30:00Z') * 1e6;
  const emit = (o: unknown) => {
    batch.push(JSON.stringify(o));
    written++;
    if (batch.length >= 2000) flush();
  };
  const flush = () => {
    const s = batch.join('\n') + '\n';
    bytes += Buffer.byteLength(s);
    writeSync(fd, s);
    batch = [];
  };
  const { pods, identities } = cluster;
  // Each source workload talks to 8 fixed destinations: a realistic, sparse call graph.
  while (written < lines) {
    const src = pods[Math.floor(rand() * pods.length)] as Pod;
    const srcW = Math.floor(pods.indexOf(src) / PODS_PER_WORKLOAD);
    const dstW = (srcW * 7 + 1 + Math.floor(rand() * 8)) % (pods.length / PODS_PER_WORKLOAD);
    const dst = pods[dstW * PODS_PER_WORKLOAD + Math.floor(rand() * PODS_PER_WORKLOAD)] as Pod;
    const sport = 32768 + Math.floor(rand() * 28000);
    const dport = dst.ports[0]?.port ?? 8080;
    const kind = rand();
    const srcEp = endpoint(src, identities.get(`${src.namespace}/${src.workload.name}`) ?? 0);
    const dstEp = endpoint(dst, identities.get(`${dst.namespace}/${dst.workload.name}`) ?? 0);
    const flow = (o: Record<string, unknown>, reply = false) => {
      t += Math.floor(rand() * 2e6);
      const time = new Date(Math.floor(t / 1e6)).toISOString().replace('Z', `${String(t % 1e6).padStart(6, '0')}Z`);
      const f = {
        time,
        uuid: `f68ff348-0f49-47c9-a7e9-${String(written).padStart(12, '0')}`,
        emitter: { name: 'Hubble', version: '1.19.2+g4f0c8a7d' },
        verdict: 'FORWARDED',
        IP: reply ? { source: dst.ips[0], destination: src.ips[0], ipVersion: 'IPv4' } : { source: src.ips[0], destination: dst.ips[0], ipVersion: 'IPv4' },
        l4: { TCP: reply ? { source_port: dport, destination_port: sport, flags: { SYN: true, ACK: true } } : { source_port: sport, destination_port: dport, flags: { SYN: true } } },
        source: reply ? dstEp : srcEp,
        destination: reply ? srcEp : dstEp,
        Type: 'L3_L4',
        node_name: `bench/${dst.nodeName}`,
        event_type: { type: 4 },
        traffic_direction: reply ? 'EGRESS' : 'INGRESS',
        trace_observation_point: 'TO_ENDPOINT',
        trace_reason: reply ? 'REPLY' : 'NEW',
        is_reply: reply,
        interface: { index: 55, name: 'lxcb7d5de6d7135' },
        Summary: reply ? 'TCP Flags: SYN, ACK' : 'TCP Flags: SYN',
        ...o,
      };
      emit({ flow: f, node_name: f.node_name, time });
    };
    if (kind < 0.6) {
      flow({});
      flow({}, true);
    } else if (kind < 0.8) {
      flow({ event_type: { type: 5 }, policy_match_type: 2, ingress_allowed_by: [{ name: dst.workload.name, namespace: dst.namespace, kind: 'NetworkPolicy', revision: '4127' }] });
      flow({});
      flow({}, true);
    } else if (kind < 0.9) {
      const drop = { verdict: 'DROPPED', drop_reason: 133, drop_reason_desc: 'POLICY_DENIED', event_type: { type: 1, sub_type: 133 } };
      flow(drop);
      flow(drop);
      flow(drop);
    } else {
      const id = Math.floor(rand() * 100000);
      flow({ Type: 'L7', event_type: { type: 129 }, l7: { type: 'REQUEST', http: { method: 'GET', url: `http://${dst.workload.name}/api/v1/items/${id}`, protocol: 'HTTP/1.1', headers: [{ key: 'user-agent', value: 'curl/8' }] } } });
      flow({ Type: 'L7', event_type: { type: 129 }, l7: { type: 'RESPONSE', latency_ns: '2873212', http: { code: 200, method: 'GET', url: `http://${dst.workload.name}/api/v1/items/${id}`, protocol: 'HTTP/1.1' } } }, true);
    }
  }
  if (batch.length) flush();
  closeSync(fd);
  return bytes;
}
