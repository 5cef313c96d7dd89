import { workloadName, type EndpointName } from '../../model/identity';
import type { Inventory, Pod, Protocol, Service } from '../../model/kubernetes';
import { ipHolders, type IpHolders } from './ip-holders';

/**
 * Lookup tables built once per inventory, so resolving a record is a few Map lookups.
 * Pod IPs can be reused (completed pods, host-network pods share the node IP): `podsByIp` keeps all of
 * them; `holdersByIp` says which (non-host-network) pod had the IP when, from the pods' lifetimes.
 */
export interface ResolverIndex {
  podsByIp: Map<string, Pod[]>;
  holdersByIp: Map<string, IpHolders>;
  podsByName: Map<string, Pod>;
  /** `ns/name` of workloads (controllers and bare pods). */
  workloadNames: Set<string>;
  /** `ns/sa` → workload names running as that service account. */
  workloadsByServiceAccount: Map<string, EndpointName[]>;
  servicesByIp: Map<string, Service>;
  servicesByName: Map<string, Service>;
  /** Pods selected by each Service (`ns/name`), filled lazily. */
  servicePods: Map<string, Pod[]>;
  nodeByIp: Map<string, string>;
  /** Addresses behind the `default/kubernetes` Service (control plane). */
  apiServerIps: Set<string>;
  /** Endpoint addresses of Services without selector, by `ns/name`. */
  sliceAddresses: Map<string, string[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function buildResolverIndex(inv: Inventory): ResolverIndex {
  const idx: ResolverIndex = {
    podsByIp: new Map(),
    holdersByIp: new Map(),
    podsByName: new Map(),
    workloadNames: new Set(),
    workloadsByServiceAccount: new Map(),
    servicesByIp: new Map(),
    servicesByName: new Map(),
    servicePods: new Map(),
    nodeByIp: new Map(),
    apiServerIps: new Set(),
    sliceAddresses: new Map(),
  };
  for (const node of inv.nodes) for (const ip of node.ips) idx.nodeByIp.set(ip, node.name);
  for (const pod of inv.pods) {
    idx.podsByName.set(`${pod.namespace}/${pod.name}`, pod);
    // Node IPs are not always exported (kubectl get pods has no nodes): a pod's hostIP names its node.
    if (pod.hostIP && pod.nodeName && !idx.nodeByIp.has(pod.hostIP)) idx.nodeByIp.set(pod.hostIP, pod.nodeName);
    if (pod.synthetic) continue;
    for (const ip of pod.ips) push(idx.podsByIp, ip, pod);
  }
  for (const [ip, pods] of idx.podsByIp) {
    const holders = ipHolders(pods);
    if (holders) idx.holdersByIp.set(ip, holders);
  }
  for (const w of inv.workloads) {
    const name = workloadName(w);
    idx.workloadNames.add(name);
    const key = `${w.namespace}/${w.serviceAccount || 'default'}`;
    const list = idx.workloadsByServiceAccount.get(key);
    if (!list) idx.workloadsByServiceAccount.set(key, [name]);
    else if (!list.includes(name)) list.push(name);
  }
  for (const s of inv.services) {
    idx.servicesByName.set(`${s.namespace}/${s.name}`, s);
    for (const ip of s.clusterIPs) if (ip && ip !== 'None') idx.servicesByIp.set(ip, s);
  }
  for (const slice of inv.endpointSlices) {
    if (!slice.serviceName) continue;
    const key = `${slice.namespace}/${slice.serviceName}`;
    for (const ep of slice.endpoints) for (const a of ep.addresses) push(idx.sliceAddresses, key, a);
    if (key === 'default/kubernetes') for (const ep of slice.endpoints) for (const a of ep.addresses) idx.apiServerIps.add(a);
  }
  return idx;
}

export function selectedPods(idx: ResolverIndex, inv: Inventory, svc: Service): Pod[] {
  const key = `${svc.namespace}/${svc.name}`;
  let pods = idx.servicePods.get(key);
  if (!pods) {
    const sel = svc.selector;
    pods = sel
      ? inv.pods.filter((p) => p.namespace === svc.namespace && Object.entries(sel).every(([k, v]) => p.labels[k] === v))
      : (idx.sliceAddresses.get(key) ?? []).flatMap((ip) => idx.podsByIp.get(ip) ?? []);
    idx.servicePods.set(key, pods);
  }
  return pods;
}

/** The pod port a Service port leads to; a named targetPort is looked up in the pod's container ports. */
export function targetPort(svc: Service, port: number, protocol: Protocol, pods: Pod[]): number | undefined {
  const sp = svc.ports.find((p) => p.port === port && p.protocol === protocol);
  if (!sp) return undefined;
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  for (const pod of pods) {
    const cp = pod.ports.find((c) => c.name === sp.targetPort && c.protocol === protocol);
    if (cp) return cp.port;
  }
  return undefined;
}
