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
  return infraKindOfWorkload(name) !== null;
}

/** The kinds of infrastructure a workload can be (a probe is traffic from the node, not a workload). */
export type WorkloadInfraKind = Exclude<InfraKind, 'probe'>;

/** How the CLI and the UI name each kind. */
export const WORKLOAD_INFRA_LABEL: Readonly<Record<WorkloadInfraKind, string>> = { dns: 'cluster DNS', 'mesh-control-plane': 'mesh control plane', apiserver: 'API server' };

/**
 * Shared cluster infrastructure that every pod must reach: cluster DNS, the mesh control plane (xDS and
 * certificates) and the API server (through the `default/kubernetes` Service). Blast radius shows it as reached
 * but does not walk on from it by default (blast-radius.ts), since that next hop needs the infrastructure itself
 * compromised. Ingress gateways are not in this list: they are entry points, not something every pod calls.
 */
export function infraKindOfWorkload(name: EndpointName): WorkloadInfraKind | null {
  if (DNS_WORKLOADS.has(name)) return 'dns';
  if (MESH_CONTROL_PLANES.has(name)) return 'mesh-control-plane';
  if (name === 'kube-apiserver' || name === 'default/kubernetes') return 'apiserver';
  return null;
}

/** The infrastructure workloads among `names`, with their kind. */
export function infraWorkloads(names: Iterable<EndpointName>): Map<EndpointName, WorkloadInfraKind> {
  const out = new Map<EndpointName, WorkloadInfraKind>();
  for (const name of names) {
    const kind = infraKindOfWorkload(name);
    if (kind) out.set(name, kind);
  }
  return out;
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
