import type { ContainerPort, EndpointSlice, Inventory, Labels, Namespace, Node, Pod, PodProbe, Service, ServiceAccount, ServicePort, Workload, WorkloadKind } from '@/lib/model';
import type * as Rows from '../generated/client';
import { fromJson, toJson, toNullableJson } from '../json';
import { fromSourceColumns, toSourceColumns } from './source';

/** Inventory ↔ rows. Every field of lib/model/kubernetes.ts round-trips (tested in snapshot-content.int.test.ts). */

export const toNamespaceRow = (snapshotId: string, n: Namespace) => ({
  snapshotId,
  name: n.name,
  labels: toJson(n.labels),
  annotations: toJson(n.annotations),
  ...toSourceColumns(n.source),
});

export const fromNamespaceRow = (r: Rows.Namespace): Namespace => ({
  name: r.name,
  labels: fromJson<Labels>(r.labels),
  annotations: fromJson<Labels>(r.annotations),
  ...fromSourceColumns(r),
});

export const toWorkloadRow = (snapshotId: string, w: Workload) => ({
  snapshotId,
  kind: w.kind,
  namespace: w.namespace,
  name: w.name,
  podLabels: toJson(w.podLabels),
  podAnnotations: toJson(w.podAnnotations),
  serviceAccount: w.serviceAccount,
  ports: toJson(w.ports),
  containers: w.containers,
  hostNetwork: w.hostNetwork,
  ...toSourceColumns(w.source),
});

export const fromWorkloadRow = (r: Rows.Workload): Workload => ({
  kind: r.kind as WorkloadKind,
  namespace: r.namespace,
  name: r.name,
  podLabels: fromJson<Labels>(r.podLabels),
  podAnnotations: fromJson<Labels>(r.podAnnotations),
  serviceAccount: r.serviceAccount,
  ports: fromJson<ContainerPort[]>(r.ports),
  containers: r.containers,
  hostNetwork: r.hostNetwork,
  ...fromSourceColumns(r),
});

export const workloadKey = (w: { namespace: string; kind: string; name: string }) => `${w.namespace}/${w.kind}/${w.name}`;

export const toPodRow = (snapshotId: string, p: Pod, workloadId: number | undefined) => ({
  snapshotId,
  namespace: p.namespace,
  name: p.name,
  labels: toJson(p.labels),
  annotations: toJson(p.annotations),
  ips: p.ips,
  nodeName: p.nodeName ?? null,
  hostIP: p.hostIP ?? null,
  hostNetwork: p.hostNetwork,
  serviceAccount: p.serviceAccount,
  ports: toJson(p.ports),
  containers: p.containers,
  probes: toJson(p.probes ?? []),
  phase: p.phase ?? null,
  startTime: p.startTime !== undefined ? new Date(p.startTime) : null,
  endTime: p.endTime !== undefined ? new Date(p.endTime) : null,
  workloadKind: p.workload.kind,
  workloadName: p.workload.name,
  workloadId: workloadId ?? null,
  synthetic: p.synthetic,
  ...toSourceColumns(p.source),
});

/** Absent rather than empty, as lib/inventory builds it. */
const probesOf = (json: Rows.Pod['probes']): { probes?: PodProbe[] } => {
  const probes = fromJson<PodProbe[]>(json);
  return Array.isArray(probes) && probes.length > 0 ? { probes } : {};
};

export const fromPodRow = (r: Rows.Pod): Pod => ({
  namespace: r.namespace,
  name: r.name,
  labels: fromJson<Labels>(r.labels),
  annotations: fromJson<Labels>(r.annotations),
  ips: r.ips,
  ...(r.nodeName !== null ? { nodeName: r.nodeName } : {}),
  ...(r.hostIP !== null ? { hostIP: r.hostIP } : {}),
  hostNetwork: r.hostNetwork,
  serviceAccount: r.serviceAccount,
  ports: fromJson<ContainerPort[]>(r.ports),
  containers: r.containers,
  ...probesOf(r.probes),
  ...(r.phase !== null ? { phase: r.phase } : {}),
  ...(r.startTime !== null ? { startTime: r.startTime.toISOString() } : {}),
  ...(r.endTime !== null ? { endTime: r.endTime.toISOString() } : {}),
  workload: { kind: r.workloadKind as WorkloadKind, namespace: r.namespace, name: r.workloadName },
  synthetic: r.synthetic,
  ...fromSourceColumns(r),
});

export const toServiceRow = (snapshotId: string, s: Service) => ({
  snapshotId,
  namespace: s.namespace,
  name: s.name,
  type: s.type,
  clusterIPs: s.clusterIPs,
  selector: toNullableJson(s.selector),
  ports: toJson(s.ports),
  ...toSourceColumns(s.source),
});

export const fromServiceRow = (r: Rows.Service): Service => ({
  namespace: r.namespace,
  name: r.name,
  type: r.type,
  clusterIPs: r.clusterIPs,
  selector: r.selector === null ? null : fromJson<Labels>(r.selector),
  ports: fromJson<ServicePort[]>(r.ports),
  ...fromSourceColumns(r),
});

export const toServiceAccountRow = (snapshotId: string, s: ServiceAccount) => ({ snapshotId, namespace: s.namespace, name: s.name, ...toSourceColumns(s.source) });

export const fromServiceAccountRow = (r: Rows.ServiceAccount): ServiceAccount => ({ namespace: r.namespace, name: r.name, ...fromSourceColumns(r) });

export const toEndpointSliceRow = (snapshotId: string, e: EndpointSlice) => ({
  snapshotId,
  namespace: e.namespace,
  name: e.name,
  serviceName: e.serviceName ?? null,
  endpoints: toJson(e.endpoints),
  ports: toJson(e.ports),
  ...toSourceColumns(e.source),
});

export const fromEndpointSliceRow = (r: Rows.EndpointSlice): EndpointSlice => ({
  namespace: r.namespace,
  name: r.name,
  ...(r.serviceName !== null ? { serviceName: r.serviceName } : {}),
  endpoints: fromJson<EndpointSlice['endpoints']>(r.endpoints),
  ports: fromJson<EndpointSlice['ports']>(r.ports),
  ...fromSourceColumns(r),
});

export const toNodeRow = (snapshotId: string, n: Node) => ({ snapshotId, name: n.name, ips: n.ips, labels: toJson(n.labels) });

export const fromNodeRow = (r: Rows.ClusterNode): Node => ({ name: r.name, ips: r.ips, labels: fromJson<Labels>(r.labels) });

export type InventoryRows = {
  namespaces: Rows.Namespace[];
  workloads: Rows.Workload[];
  pods: Rows.Pod[];
  services: Rows.Service[];
  serviceAccounts: Rows.ServiceAccount[];
  endpointSlices: Rows.EndpointSlice[];
  nodes: Rows.ClusterNode[];
};

export function fromInventoryRows(rows: InventoryRows): Inventory {
  return {
    namespaces: rows.namespaces.map(fromNamespaceRow),
    workloads: rows.workloads.map(fromWorkloadRow),
    pods: rows.pods.map(fromPodRow),
    services: rows.services.map(fromServiceRow),
    serviceAccounts: rows.serviceAccounts.map(fromServiceAccountRow),
    endpointSlices: rows.endpointSlices.map(fromEndpointSliceRow),
    nodes: rows.nodes.map(fromNodeRow),
  };
}
