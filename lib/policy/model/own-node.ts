import type { Pod } from '../../model/kubernetes';
import type { EndpointFacts } from './endpoint';

/**
 * Whether `peer` is the node `pod` runs on (`spec.nodeName`): one of that node's addresses, or a host-network pod
 * there (its traffic is node traffic, see EndpointFacts.selectable). The kubelet probes a pod from this node, and
 * NetworkPolicy and the CNIs give this traffic rules of its own (network/own-node.ts, cilium/allow-localhost.ts,
 * calico/host-to-workload.ts). A stand-in pod has no node, so no peer is its own node; a node is never compared with
 * itself (a host-network pod is not a pod these rules protect).
 */
export function isOwnNode(pod: Pod, peer: EndpointFacts): boolean {
  return !pod.hostNetwork && pod.nodeName !== undefined && peer.nodeName === pod.nodeName;
}

/** `node <name> (<address>)`, `the host-network pod ns/name on node <name>`: how explanations name the peer. */
export function describeNodePeer(peer: EndpointFacts): string {
  if (peer.pod) return `the host-network pod ${peer.pod.namespace}/${peer.pod.name} on node ${peer.nodeName ?? '?'}`;
  return `node ${peer.nodeName ?? '?'}${peer.ips[0] ? ` (${peer.ips[0]})` : ''}`;
}
