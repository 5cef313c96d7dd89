import type { EndpointName } from '../model/identity';
import type { Protocol } from '../model/kubernetes';
import type { InfraKind, NodeBadge } from './model';

/**
 * Infrastructure peers: cluster DNS, the API server, mesh control planes, the node (kubelet probes).
 * Their traffic is real but not application traffic, so the UI can hide it and the badges tell it apart.
 * Matching is by well-known names: CoreDNS ships as `kube-system/coredns` behind the `kube-dns` Service
 * (https://kubernetes.io/docs/tasks/administer-cluster/dns-custom-nameservers/), istiod in `istio-system`,
 * Linkerd's control plane in `linkerd`.
 */
const DNS_WORKLOADS = new Set(['kube-system/coredns', 'kube-system/kube-dns', 'kube-system/node-local-dns', 'openshift-dns/dns-default']);
const MESH_CONTROL_PLANES = new Set(['istio-system/istiod', 'linkerd/linkerd-destination', 'linkerd/linkerd-identity', 'linkerd/linkerd-proxy-injector']);
const INGRESS_GATEWAYS = /^(istio-system\/istio-ingressgateway|ingress-nginx\/ingress-nginx-controller)$/;

export function nodeBadgesFor(name: EndpointName): NodeBadge[] {
  if (DNS_WORKLOADS.has(name)) return ['dns'];
  if (name === 'kube-apiserver' || name === 'default/kubernetes') return ['apiserver'];
  if (MESH_CONTROL_PLANES.has(name)) return ['mesh-control-plane'];
  if (INGRESS_GATEWAYS.test(name)) return ['ingress-gateway'];
  return [];
}

export function isInfraWorkload(name: EndpointName): boolean {
  return DNS_WORKLOADS.has(name) || MESH_CONTROL_PLANES.has(name) || name === 'kube-apiserver';
}

/** Why an edge is infrastructure, or `null` for application traffic. */
export function infraKindOf(edge: { source: EndpointName; destination: EndpointName; port: number; protocol: Protocol }): InfraKind | null {
  if (DNS_WORKLOADS.has(edge.destination) || (edge.port === 53 && (edge.protocol === 'UDP' || edge.destination.startsWith('kube-system/')))) return 'dns';
  // Traffic from the node to a pod is the kubelet (probes) or a host-network agent; Istio rewrites HTTP probes to :15020.
  if (edge.source.startsWith('node:')) return 'probe';
  if (edge.destination === 'kube-apiserver' || edge.destination === 'default/kubernetes') return 'apiserver';
  if (MESH_CONTROL_PLANES.has(edge.destination)) return 'mesh-control-plane';
  return null;
}
