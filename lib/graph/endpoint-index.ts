import { workloadName, type EndpointName } from '../model/identity';
import type { Inventory, Pod, Workload } from '../model/kubernetes';
import type { Endpoint } from '../model/verdict';

/**
 * Endpoint names (`ns/workload`, `ip:<addr>`, `node:<name>`, `world`) mapped to what the evaluator needs:
 * the pods of a workload, or an address for peers outside the cluster's pods. Built once per inventory.
 */
export interface EndpointIndex {
  workloads: Map<EndpointName, Workload>;
  podsByWorkload: Map<EndpointName, Pod[]>;
  /** Node name -> its IPs (from Node objects, else from the pods' hostIP). */
  nodeIps: Map<string, string[]>;
  /** Representative endpoints for evaluation; empty when the name cannot be evaluated (`dns:`, unknown workload). */
  endpointsOf(name: EndpointName): Endpoint[];
}

/**
 * `world` is any address outside the cluster. NetworkPolicy ipBlock rules only see an address, so `world` is
 * evaluated as one public address from TEST-NET-3 (RFC 5737): not in RFC 1918 space, so it matches `0.0.0.0/0`
 * with private `except` ranges the way real internet clients do.
 */
export const WORLD_REPRESENTATIVE_IP = '203.0.113.1';

export function buildEndpointIndex(inventory: Inventory): EndpointIndex {
  const workloads = new Map<EndpointName, Workload>();
  for (const w of inventory.workloads) workloads.set(workloadName(w), w);
  const podsByWorkload = new Map<EndpointName, Pod[]>();
  for (const p of inventory.pods) {
    const key = workloadName(p.workload);
    const list = podsByWorkload.get(key);
    if (list) list.push(p);
    else podsByWorkload.set(key, [p]);
  }
  const nodeIps = new Map<string, string[]>();
  for (const n of inventory.nodes) nodeIps.set(n.name, [...n.ips]);
  for (const p of inventory.pods) {
    if (!p.nodeName || !p.hostIP || nodeIps.get(p.nodeName)?.length) continue;
    nodeIps.set(p.nodeName, [p.hostIP]);
  }
  const apiserverIps = inventory.endpointSlices
    .filter((s) => s.namespace === 'default' && s.serviceName === 'kubernetes')
    .flatMap((s) => s.endpoints.flatMap((e) => e.addresses));

  const endpointsOf = (name: EndpointName): Endpoint[] => {
    const pods = podsByWorkload.get(name);
    if (pods) return pods.map((pod) => ({ kind: 'pod', pod }));
    if (name === 'world') return [{ kind: 'ip', ip: WORLD_REPRESENTATIVE_IP }];
    if (name === 'kube-apiserver') return apiserverIps.slice(0, 1).map((ip) => ({ kind: 'ip', ip }));
    if (name.startsWith('ip:')) return [{ kind: 'ip', ip: name.slice(3) }];
    if (name.startsWith('node:')) return (nodeIps.get(name.slice(5)) ?? []).slice(0, 1).map((ip) => ({ kind: 'ip', ip }));
    if (name.startsWith('cidr:')) {
      // A CIDR peer is evaluated at its network address: good enough for "is this block allowed" questions.
      const ip = name.slice(5).split('/')[0];
      return ip ? [{ kind: 'ip', ip }] : [];
    }
    return [];
  };
  return { workloads, podsByWorkload, nodeIps, endpointsOf };
}
