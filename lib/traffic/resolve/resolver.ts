import { KUBE_APISERVER, WORLD, ipEndpoint, nodeEndpoint, workloadName, type EndpointName } from '../../model/identity';
import type { ContainerPort, Inventory, Pod, Protocol } from '../../model/kubernetes';
import type { PeerHint, TrafficRecord, UnresolvedReason } from '../model';
import type { ParseHelpers } from '../formats/types';
import { buildResolverIndex, selectedPods, targetPort, type ResolverIndex } from './index-builder';
import { canonicalTime, holderAt, type NoHolder } from './ip-holders';
import { parseCertCN, parseLinkerdId, parseSpiffe } from './identities';

export interface PeerResolution {
  name: EndpointName;
  /** For the destination: the pod port after mapping a Service port (absent = unchanged). */
  port?: number;
  unresolved?: { reason: UnresolvedReason; value: string };
}

export interface TrafficResolver extends ParseHelpers {
  resolveSource(record: TrafficRecord): PeerResolution;
  resolveDestination(record: TrafficRecord): PeerResolution;
}

const unresolved = (reason: UnresolvedReason, value: string, name?: EndpointName): PeerResolution => ({
  name: name ?? `unresolved:${reason}`,
  unresolved: { reason, value },
});

/**
 * Ports of injected mesh proxies, not of the application: Istio (istio.io "Ports used by Istio":
 * 15000-15090, istiod's own 150xx ports excepted) and Linkerd (linkerd.io "Ports": 4140 outbound, 4143 inbound, 4191 admin).
 */
const SIDECAR_PORTS: ReadonlySet<number> = new Set([15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090, 4140, 4143, 4191]);
const isSidecarPort = (port: number): boolean => SIDECAR_PORTS.has(port);

/** `10.0.2.84 at 2026-03-12T09:41:03Z` (or `from … to …` for a record spanning an interval), to the second. */
function ipAt(ip: string, time: string, endTime: string | undefined): string {
  const second = (t: string) => `${(canonicalTime(t) ?? t).slice(0, 19)}Z`;
  return endTime !== undefined && second(endTime) !== second(time) ? `${ip} from ${second(time)} to ${second(endTime)}` : `${ip} at ${second(time)}`;
}

/**
 * Resolves each side of a record to an endpoint name (lib/model/identity.ts), strongest evidence first:
 * 1. an endpoint name given by the input (edge lists, `--destination`);
 * 2. a reserved Cilium identity (host, world, kube-apiserver…);
 * 3. the pod the log names (Hubble, Linkerd, GKE details) — the log knew the pod at that time, IPs get reused;
 * 4. a cryptographic identity (SPIFFE, Linkerd identity, certificate CN) when it maps to one workload;
 * 5. the IP: the pod that had it at the record's time (pod lifetimes, ip-holders.ts), Service ClusterIP
 *    (→ selected pods, Service port → target port), API server, node;
 * 6. a Service or workload named by the log;
 * otherwise `ip:<addr>` (listed as unresolved) or `unresolved:<reason>`.
 */
export function createTrafficResolver(inventory: Inventory): TrafficResolver {
  const idx: ResolverIndex = buildResolverIndex(inventory);
  const cache = new Map<string, PeerResolution>();
  /** Resolutions of pods of the inventory by `ns/pod` (bounded by the inventory's size). */
  const byPod = new Map<string, PeerResolution>();
  /** The same, by pod object, for pods found by IP. */
  const ofPod = new Map<Pod, PeerResolution>();
  const resolutionOf = (pod: Pod): PeerResolution => {
    let r = ofPod.get(pod);
    if (!r) ofPod.set(pod, (r = { name: workloadName(pod.workload) }));
    return r;
  };

  /**
   * The pod that had `ip` during the record (see ip-holders.ts), `undefined` when no pod-network pod ever had
   * it. Pods without lifetimes, or a record without a readable time, fall back to the running pod.
   */
  function podAt(ip: string, record: TrafficRecord): Pod | NoHolder | undefined {
    const holders = idx.holdersByIp.get(ip);
    if (!holders || holders.kind === 'fixed') return holders?.current;
    const time = canonicalTime(record.time);
    if (time === undefined) return holders.current;
    const end = record.endTime === undefined ? undefined : canonicalTime(record.endTime);
    return holderAt(holders, time, end);
  }

  function fromService(svcKey: string, port: number, protocol: Protocol, mapPort: boolean): PeerResolution {
    const svc = idx.servicesByName.get(svcKey);
    if (!svc) return unresolved('unknown-service', svcKey);
    if (svcKey === 'default/kubernetes') return { name: KUBE_APISERVER, ...(mapPort ? { port: targetPort(svc, port, protocol, []) ?? port } : {}) };
    const pods = selectedPods(idx, inventory, svc);
    const names = new Set(pods.map((p) => workloadName(p.workload)));
    const mapped = mapPort ? targetPort(svc, port, protocol, pods) : undefined;
    if (names.size === 0) {
      const addrs = idx.sliceAddresses.get(svcKey) ?? [];
      if (addrs.length > 0 && addrs.every((a) => idx.apiServerIps.has(a))) return { name: KUBE_APISERVER, port: mapped };
      return unresolved('service-without-pods', svcKey);
    }
    if (names.size > 1) return unresolved('ambiguous-service', `${svcKey} selects ${[...names].sort().join(', ')}`);
    return { name: [...names][0] as string, ...(mapped !== undefined ? { port: mapped } : {}) };
  }

  function fromServiceAccount(ns: string, sa: string, ip: string | undefined, value: string, record: TrafficRecord): PeerResolution {
    const names = idx.workloadsByServiceAccount.get(`${ns}/${sa}`) ?? [];
    if (names.length === 1) return { name: names[0] as string };
    if (names.length > 1) {
      const pod = ip ? podAt(ip, record) : undefined;
      const byIp = typeof pod === 'object' ? workloadName(pod.workload) : undefined;
      if (byIp && names.includes(byIp)) return { name: byIp };
      return unresolved('ambiguous-identity', value);
    }
    return unresolved('unknown-identity', value);
  }

  function fromIdentity(h: PeerHint, record: TrafficRecord): PeerResolution | undefined {
    if (h.spiffe) {
      const id = parseSpiffe(h.spiffe);
      return id ? fromServiceAccount(id.namespace, id.serviceAccount, h.ip, h.spiffe, record) : unresolved('unknown-identity', h.spiffe);
    }
    if (h.linkerdId) {
      const id = parseLinkerdId(h.linkerdId);
      return id ? fromServiceAccount(id.namespace, id.serviceAccount, h.ip, h.linkerdId, record) : unresolved('unknown-identity', h.linkerdId);
    }
    if (h.certCN) {
      const id = parseCertCN(h.certCN);
      if (!id) return unresolved('unknown-identity', h.certCN);
      const key = `${id.namespace}/${id.name}`;
      if (idx.servicesByName.has(key)) {
        const r = fromService(key, 0, 'TCP', false);
        if (!r.unresolved) return r;
      }
      if (idx.workloadNames.has(key)) return { name: key };
      return unresolved('unknown-identity', h.certCN);
    }
    return undefined;
  }

  function fromIp(ip: string, record: TrafficRecord, isDestination: boolean): PeerResolution {
    const pod = podAt(ip, record);
    if (typeof pod === 'object') return resolutionOf(pod);
    // Pods had this IP, none (or more than one) then: never blame one. Not `ip:<addr>`, which names the pod
    // that has the address now (lib/inventory/resolve.ts) and so would blame it after all.
    if (pod !== undefined) return unresolved(pod, ipAt(ip, record.time, record.endTime));
    const { port, protocol } = record;
    const cacheKey = isDestination ? `${ip}|${port}|${protocol}` : ip;
    const hit = cache.get(cacheKey);
    if (hit) return hit;
    let r: PeerResolution;
    const svc = idx.servicesByIp.get(ip);
    if (svc) r = fromService(`${svc.namespace}/${svc.name}`, port, protocol, isDestination);
    else if (idx.apiServerIps.has(ip)) r = { name: KUBE_APISERVER };
    else if (idx.nodeByIp.has(ip)) {
      // A host-network pod listening on this port owns the traffic; otherwise it is the node itself.
      const host = isDestination ? (idx.podsByIp.get(ip) ?? []).find((p) => p.hostNetwork && p.ports.some((c) => c.port === port && c.protocol === protocol)) : undefined;
      r = host ? { name: workloadName(host.workload) } : { name: nodeEndpoint(idx.nodeByIp.get(ip) as string) };
    } else r = unresolved('unknown-ip', ip, ipEndpoint(ip));
    if (cache.size > 100_000) cache.clear();
    cache.set(cacheKey, r);
    return r;
  }

  function resolve(h: PeerHint, record: TrafficRecord, isDestination: boolean): PeerResolution {
    if (h.endpoint) return { name: h.endpoint };
    if (h.reserved) {
      switch (h.reserved) {
        case 'host':
        case 'remote-node':
        case 'health': {
          const node = h.ip ? idx.nodeByIp.get(h.ip) : undefined;
          if (node) return { name: nodeEndpoint(node) };
          return h.ip ? unresolved('unknown-ip', h.ip, nodeEndpoint(h.ip)) : unresolved('no-peer-info', `reserved:${h.reserved}`);
        }
        case 'kube-apiserver':
          return { name: KUBE_APISERVER };
        case 'world':
          return h.ip ? { name: ipEndpoint(h.ip) } : { name: WORLD };
        default:
          break; // init, unmanaged, ingress…: fall through to the IP
      }
    }
    if (h.namespace && h.podName) {
      const podKey = `${h.namespace}/${h.podName}`;
      const known = byPod.get(podKey);
      if (known) return known;
      const pod = idx.podsByName.get(podKey);
      if (pod) {
        const r = { name: workloadName(pod.workload) };
        byPod.set(podKey, r);
        return r;
      }
      // Pod gone from the export: trust the workload the log names; a pod without one is a bare pod.
      if (h.workload) return { name: `${h.namespace}/${h.workload.name}` };
      return { name: `${h.namespace}/${h.podName}` };
    }
    const byIdentity = fromIdentity(h, record);
    if (byIdentity && !byIdentity.unresolved) return byIdentity;
    /** A pod IP no listed pod (or several) had at the record's time, kept in case nothing else decides. */
    let ipMiss: PeerResolution | undefined;
    if (h.ip) {
      const r = fromIp(h.ip, record, isDestination);
      if (!r.unresolved) return r;
      const timeMiss = r.unresolved.reason === 'ip-reused' || r.unresolved.reason === 'ambiguous-ip';
      // The Service or workload the log names is evidence the IP no longer gives.
      if (timeMiss && (h.service || (h.workload && h.namespace))) ipMiss = r;
      else if (!byIdentity) return r;
    }
    if (h.service) {
      const r = fromService(`${h.service.namespace}/${h.service.name}`, record.port, record.protocol, isDestination && !!record.portIsServicePort);
      if (!r.unresolved) return r;
      if (!byIdentity) return ipMiss ?? r;
    }
    if (h.workload && h.namespace) return { name: `${h.namespace}/${h.workload.name}` };
    if (byIdentity) return byIdentity;
    return ipMiss ?? unresolved('no-peer-info', 'record names no address or identity');
  }

  return {
    resolveSource: (r) => resolve(r.source, r, false),
    resolveDestination: (r) => resolve(r.destination, r, true),
    servedPorts(workload) {
      const w = inventory.workloads.find((x) => workloadName(x) === workload);
      if (!w) return undefined;
      // The controller's template when exported, else what its pods declare (an export may hold only the pods).
      const declared = w.ports.length > 0 ? w.ports : inventory.pods.filter((p) => workloadName(p.workload) === workload).flatMap((p) => p.ports);
      const seen = new Set<string>();
      return declared.filter((p: ContainerPort) => {
        const key = `${p.port}/${p.protocol}`;
        if (isSidecarPort(p.port) || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
    isListeningPort(ip, port, protocol) {
      // No record here (parsers ask while deciding direction): the pod that has the IP now.
      const pod = idx.holdersByIp.get(ip)?.current;
      if (pod) return pod.ports.length === 0 ? undefined : pod.ports.some((c) => c.port === port && c.protocol === protocol);
      const svc = idx.servicesByIp.get(ip);
      if (svc) return svc.ports.some((p) => p.port === port && p.protocol === protocol);
      if (idx.nodeByIp.has(ip)) {
        const host = (idx.podsByIp.get(ip) ?? []).some((p) => p.hostNetwork && p.ports.some((c) => c.port === port && c.protocol === protocol));
        return host ? true : undefined;
      }
      return undefined;
    },
  };
}
