import type { SourceRef } from './source';

export type Labels = Record<string, string>;
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'ReplicationController' | 'Pod';

export interface ContainerPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/**
 * An HTTP GET probe of a container (`livenessProbe`/`readinessProbe`/`startupProbe` `.httpGet`): the kubelet
 * requests `GET <path>` on the pod's `port` from the node. Meshes authorize these requests on their own
 * (lib/policy/linkerd/probe-route.ts).
 */
export interface PodProbe {
  kind: ProbeKind;
  /** The container that declares the probe. */
  container: string;
  /** A named `httpGet.port` resolved through that container's ports. */
  port: number;
  /** `httpGet.path` as written (query string included); `/` when the probe leaves it out. */
  path: string;
  /** `httpGet.scheme` when it is not the default HTTP. */
  scheme?: 'HTTPS';
}

export interface Namespace {
  name: string;
  /** Includes the implied `kubernetes.io/metadata.name` label. */
  labels: Labels;
  annotations: Labels;
  source?: SourceRef;
}

/** The top-level controller that owns pods (a bare pod is its own workload, kind `Pod`). */
export interface WorkloadRef {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

export interface Workload extends WorkloadRef {
  /** Labels of the pod template (or of the bare pod). */
  podLabels: Labels;
  /** Annotations of the pod template (sidecar injection, default inbound policy, ...). */
  podAnnotations: Labels;
  serviceAccount: string;
  ports: ContainerPort[];
  containers: string[];
  hostNetwork: boolean;
  source?: SourceRef;
}

export interface Pod {
  namespace: string;
  name: string;
  labels: Labels;
  annotations: Labels;
  ips: string[];
  nodeName?: string;
  hostIP?: string;
  hostNetwork: boolean;
  serviceAccount: string;
  ports: ContainerPort[];
  containers: string[];
  /** HTTP GET probes of the pod's containers and init containers (tcpSocket, grpc and exec probes are not listed); absent = none. */
  probes?: PodProbe[];
  phase?: string;
  /**
   * When the pod got its IP, RFC 3339 UTC with milliseconds: `status.startTime`, else `metadata.creationTimestamp`.
   * With `endTime` it bounds when the pod's IPs were its own (IPs of finished pods are handed to new pods).
   */
  startTime?: string;
  /** When a finished pod (phase Succeeded/Failed, evictions included) stopped; absent while it runs (lib/inventory/pod-lifetime.ts). */
  endTime?: string;
  /** The owning top-level controller; for a bare pod, `{ kind: 'Pod', name: <pod name> }`. */
  workload: WorkloadRef;
  /** True when no pod was listed and this pod stands in for a workload's template. */
  synthetic: boolean;
  source?: SourceRef;
}

export interface ServicePort {
  name?: string;
  port: number;
  /** A number, or the name of a container port resolved per pod. */
  targetPort: number | string;
  protocol: Protocol;
  appProtocol?: string;
}

export interface Service {
  namespace: string;
  name: string;
  type: string;
  clusterIPs: string[];
  /** `null` for a Service without a selector (its endpoints come from EndpointSlices). */
  selector: Labels | null;
  ports: ServicePort[];
  source?: SourceRef;
}

export interface ServiceAccount {
  namespace: string;
  name: string;
  source?: SourceRef;
}

export interface EndpointSlice {
  namespace: string;
  name: string;
  serviceName?: string;
  endpoints: { addresses: string[]; targetRef?: { kind: string; namespace?: string; name: string } }[];
  ports: { name?: string; port: number; protocol: Protocol }[];
  source?: SourceRef;
}

export interface Node {
  name: string;
  ips: string[];
  labels: Labels;
}

export interface Inventory {
  namespaces: Namespace[];
  workloads: Workload[];
  pods: Pod[];
  services: Service[];
  serviceAccounts: ServiceAccount[];
  endpointSlices: EndpointSlice[];
  nodes: Node[];
}

export function emptyInventory(): Inventory {
  return { namespaces: [], workloads: [], pods: [], services: [], serviceAccounts: [], endpointSlices: [], nodes: [] };
}
