import type { Inventory, Pod, Service, WorkloadRef } from '../model/kubernetes';
import { podsOfService } from './service-pods';

export type ResolvedEndpoint =
  | { kind: 'pod'; pods: [Pod]; name: string }
  | { kind: 'workload'; workload: WorkloadRef; pods: Pod[]; name: string }
  /** A Service name (last resort): its backing pods; ports given for it are Service ports. */
  | { kind: 'service'; service: Service; pods: Pod[]; name: string }
  | { kind: 'ip'; ip: string; name: string };

export type ResolveResult = { ok: true; value: ResolvedEndpoint } | { ok: false; error: string };

interface NameIndex {
  pods: Map<string, Pod>;
  byWorkload: Map<string, Pod[]>;
  byIp: Map<string, Pod[]>;
}
const indexes = new WeakMap<Inventory, NameIndex>();

/** Name lookups for batches of queries (built once per inventory; the inventory is treated as immutable). */
function indexOf(inventory: Inventory): NameIndex {
  let idx = indexes.get(inventory);
  if (!idx) {
    idx = { pods: new Map(), byWorkload: new Map(), byIp: new Map() };
    for (const p of inventory.pods) {
      // Completed pods can leave their IP to a running one: only running (or phase-less) pods own an address.
      if (p.phase === undefined || p.phase === 'Running' || p.phase === 'Pending') {
        for (const ip of p.ips) idx.byIp.set(ip, [...(idx.byIp.get(ip) ?? []), p]);
      }
      idx.pods.set(`${p.namespace}/${p.name}`, p);
      const key = `${p.workload.namespace}/${p.workload.name}`;
      const list = idx.byWorkload.get(key) ?? [];
      list.push(p);
      idx.byWorkload.set(key, list);
    }
    indexes.set(inventory, idx);
  }
  return idx;
}

/** Pods of a workload (by ref); `kind` narrows when two controllers share a name. */
export function findPods(inventory: Inventory, ref: Pick<WorkloadRef, 'namespace' | 'name'> & { kind?: WorkloadRef['kind'] }): Pod[] {
  const pods = indexOf(inventory).byWorkload.get(`${ref.namespace}/${ref.name}`) ?? [];
  return ref.kind === undefined ? pods : pods.filter((p) => p.workload.kind === ref.kind);
}

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
const isIp = (s: string) => (IPV4.test(s) && s.split('.').every((o) => Number(o) <= 255)) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));

/**
 * Resolves `ns/name` to a pod first, then to a workload (all its pods), then to a Service (its backing pods),
 * or `ip:<addr>` to the pod with that
 * address, else to an address outside the cluster's pods. Unknown names give an error sentence, not an exception.
 */
export function resolveEndpointName(inventory: Inventory, name: string): ResolveResult {
  if (name.startsWith('ip:')) {
    const ip = name.slice(3);
    if (!isIp(ip)) return { ok: false, error: `invalid IP address in "${name}"` };
    // The address of exactly one (pod-network) pod IS that pod: policies see its labels, not just its IP.
    // Host-network pods share their node's address, so an address of theirs stays an address.
    const owners = indexOf(inventory).byIp.get(ip) ?? [];
    const only = owners[0];
    if (owners.length === 1 && only && !only.hostNetwork) return { ok: true, value: { kind: 'pod', pods: [only], name } };
    return { ok: true, value: { kind: 'ip', ip, name } };
  }
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(name);
  if (!m) return { ok: false, error: `invalid endpoint name "${name}": expected <namespace>/<name> or ip:<address>` };
  const [, ns, n] = m as unknown as [string, string, string];
  const pod = indexOf(inventory).pods.get(`${ns}/${n}`);
  if (pod) return { ok: true, value: { kind: 'pod', pods: [pod], name } };
  const workloads = inventory.workloads.filter((w) => w.namespace === ns && w.name === n);
  const w = workloads[0];
  if (w) {
    const pods = findPods(inventory, w);
    if (pods.length > 0) return { ok: true, value: { kind: 'workload', workload: { kind: w.kind, namespace: w.namespace, name: w.name }, pods, name } };
  }
  const byWorkload = findPods(inventory, { namespace: ns, name: n });
  const first = byWorkload[0];
  if (first) return { ok: true, value: { kind: 'workload', workload: first.workload, pods: byWorkload, name } };
  const service = inventory.services.find((x) => x.namespace === ns && x.name === n);
  if (service) {
    const pods = podsOfService(inventory, service);
    if (pods.length > 0) return { ok: true, value: { kind: 'service', service, pods, name } };
    return { ok: false, error: `service "${name}" has no backing pod in the input` };
  }
  const known = inventory.namespaces.some((x) => x.name === ns);
  return { ok: false, error: known ? `unknown pod, workload or service "${name}" in namespace ${ns}` : `unknown pod, workload or service "${name}" (no namespace ${ns} in the input)` };
}
