import type { ContainerPort, Inventory, Labels, Node, Pod } from '../../model/kubernetes';
import type { Endpoint } from '../../model/verdict';
import { podIdentityLabels, reservedLabels, type CiliumLabel } from './labels';

/**
 * One end of a connection as Cilium sees it:
 * - `pod`: a Cilium endpoint with a label-based security identity;
 * - `host`: a node address (host-network pods included), identity `host` on its own node and `remote-node` elsewhere;
 * - `external`: any other address, identity `world` (or `kube-apiserver` for the API server's addresses).
 */
export interface CiliumEndpoint {
  kind: 'pod' | 'host' | 'external';
  pod: Pod | null;
  node: Node | null;
  nodeName?: string;
  ips: string[];
  /** Container ports, for named ports; `null` when not a pod. */
  ports: readonly ContainerPort[] | null;
  kubeApiserver: boolean;
}

export class CiliumIdentities {
  private nsLabels = new Map<string, Labels>();
  private nodesByName = new Map<string, Node>();
  private nodeNameByIp = new Map<string, string>();
  private podsByIp = new Map<string, Pod>();
  private apiserverIps = new Set<string>();
  private labelCache = new WeakMap<Pod, CiliumLabel[]>();

  constructor(
    readonly inventory: Inventory,
    readonly clusterName: string,
  ) {
    for (const ns of inventory.namespaces) this.nsLabels.set(ns.name, ns.labels);
    for (const n of inventory.nodes) {
      this.nodesByName.set(n.name, n);
      for (const ip of n.ips) this.nodeNameByIp.set(ip, n.name);
    }
    for (const p of inventory.pods) {
      if (p.hostIP && p.nodeName) this.nodeNameByIp.set(p.hostIP, p.nodeName);
      if (!p.hostNetwork) for (const ip of p.ips) this.podsByIp.set(ip, p);
    }
    // The API server's addresses are the endpoints of default/kubernetes (Cilium's `kube-apiserver` identity).
    for (const s of inventory.endpointSlices) {
      if (s.namespace === 'default' && s.serviceName === 'kubernetes') for (const e of s.endpoints) for (const a of e.addresses) this.apiserverIps.add(a);
    }
  }

  namespaceLabels(ns: string): Labels {
    return this.nsLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  }

  endpoint(e: Endpoint): CiliumEndpoint {
    if (e.kind === 'pod') return this.ofPod(e.pod);
    const pod = this.podsByIp.get(e.ip);
    if (pod) return this.ofPod(pod);
    const nodeName = this.nodeNameByIp.get(e.ip);
    const kubeApiserver = this.apiserverIps.has(e.ip);
    if (nodeName) return { kind: 'host', pod: null, node: this.nodesByName.get(nodeName) ?? null, nodeName, ips: [e.ip], ports: null, kubeApiserver };
    return { kind: 'external', pod: null, node: null, ips: [e.ip], ports: null, kubeApiserver };
  }

  private ofPod(pod: Pod): CiliumEndpoint {
    if (pod.hostNetwork) {
      const ips = pod.ips.length > 0 ? pod.ips : pod.hostIP ? [pod.hostIP] : [];
      return { kind: 'host', pod, node: (pod.nodeName && this.nodesByName.get(pod.nodeName)) || null, nodeName: pod.nodeName, ips, ports: pod.ports, kubeApiserver: ips.some((ip) => this.apiserverIps.has(ip)) };
    }
    return { kind: 'pod', pod, node: null, nodeName: pod.nodeName, ips: pod.ips, ports: pod.ports, kubeApiserver: false };
  }

  /** The identity labels of `peer` as the endpoint on node `localNode` sees it. */
  labelsOf(peer: CiliumEndpoint, localNode: string | undefined): CiliumLabel[] {
    if (peer.kind === 'pod' && peer.pod) {
      let l = this.labelCache.get(peer.pod);
      if (!l) {
        l = podIdentityLabels(peer.pod, this.namespaceLabels(peer.pod.namespace), this.clusterName);
        this.labelCache.set(peer.pod, l);
      }
      return l;
    }
    const extra = peer.kubeApiserver ? reservedLabels('kube-apiserver') : [];
    if (peer.kind === 'host') {
      const local = localNode !== undefined && peer.nodeName === localNode;
      return [...reservedLabels(local ? 'host' : 'remote-node'), ...extra];
    }
    if (peer.kubeApiserver) return extra;
    const v6 = peer.ips.some((ip) => ip.includes(':'));
    return reservedLabels('world', v6 ? 'world-ipv6' : 'world-ipv4');
  }
}
