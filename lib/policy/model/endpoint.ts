import type { ContainerPort, Inventory, Labels, Node, Pod } from '../../model/kubernetes';
import type { Endpoint } from '../../model/verdict';

/** What selectors and peers look at for one end of a connection. */
export interface EndpointFacts {
  /** The pod, unless the end is an address outside the cluster's pods. */
  pod: Pod | null;
  /**
   * False for host-network pods: the common implementation "ignores hostNetwork pods when matching podSelector
   * and namespaceSelector. Traffic to/from hostNetwork pods is treated the same as all other traffic to/from the node IP."
   * https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods
   * ClusterNetworkPolicy subjects and pod/namespace peers likewise exclude host-networked pods (network-policy-api v1alpha2 types).
   */
  selectable: boolean;
  namespaceLabels: Labels;
  ips: string[];
  /** The node whose IP this endpoint is (host-network pods, or an `ip:` that is a node address). */
  node: Node | null;
  /**
   * The name of the node this endpoint is, when it is one: a node address (Node status addresses, else a pod's
   * `status.hostIP` for exports without Node objects) or a host-network pod (its traffic is node traffic).
   * What the own-node rules compare with a pod's `spec.nodeName` (lib/policy/model/own-node.ts).
   */
  nodeName?: string;
  /** Container ports (for named ports at a destination); `null` for an IP. */
  ports: readonly ContainerPort[] | null;
}

export class EndpointIndex {
  private nsLabels = new Map<string, Labels>();
  private nodesByName = new Map<string, Node>();
  private nodesByIp = new Map<string, Node>();
  private nodeNameByIp = new Map<string, string>();
  private cache = new WeakMap<Pod, EndpointFacts>();

  constructor(inventory: Inventory) {
    for (const ns of inventory.namespaces) this.nsLabels.set(ns.name, ns.labels);
    for (const n of inventory.nodes) {
      this.nodesByName.set(n.name, n);
      for (const ip of n.ips) {
        this.nodesByIp.set(ip, n);
        this.nodeNameByIp.set(ip, n.name);
      }
    }
    for (const p of inventory.pods) if (p.hostIP && p.nodeName && !this.nodeNameByIp.has(p.hostIP)) this.nodeNameByIp.set(p.hostIP, p.nodeName);
  }

  namespaceLabels(ns: string): Labels {
    return this.nsLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  }

  ofPod(pod: Pod): EndpointFacts {
    let f = this.cache.get(pod);
    if (!f) {
      const ips = pod.hostNetwork && pod.ips.length === 0 && pod.hostIP ? [pod.hostIP] : pod.ips;
      const node = pod.hostNetwork ? ((pod.nodeName ? this.nodesByName.get(pod.nodeName) : undefined) ?? (ips[0] ? this.nodesByIp.get(ips[0]) : undefined) ?? null) : null;
      const nodeName = pod.hostNetwork ? (pod.nodeName ?? (ips[0] ? this.nodeNameByIp.get(ips[0]) : undefined)) : undefined;
      f = { pod, selectable: !pod.hostNetwork, namespaceLabels: this.namespaceLabels(pod.namespace), ips, node, ports: pod.ports, ...(nodeName ? { nodeName } : {}) };
      this.cache.set(pod, f);
    }
    return f;
  }

  of(e: Endpoint): EndpointFacts {
    if (e.kind === 'pod') return this.ofPod(e.pod);
    const nodeName = this.nodeNameByIp.get(e.ip);
    return { pod: null, selectable: false, namespaceLabels: {}, ips: [e.ip], node: this.nodesByIp.get(e.ip) ?? null, ports: null, ...(nodeName ? { nodeName } : {}) };
  }
}
