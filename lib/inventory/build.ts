import type { Diagnostic, Parsed } from '../model/diagnostics';
import type { EndpointSlice, Inventory, Labels, Namespace, Node, Pod, PodProbe, Service, ServicePort, Workload, WorkloadKind, WorkloadRef } from '../model/kubernetes';
import type { ManifestObject } from '../model/manifest';
import { readPodLifetime } from './pod-lifetime';
import { asArray, isRecord, readPodSpec, toProtocol } from './pod-spec';
import { readPodProbes } from './pod-probes';

const WORKLOAD_KINDS = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController']);
const INVENTORY_KINDS = new Set<string>([...WORKLOAD_KINDS, 'Namespace', 'Pod', 'Service', 'ServiceAccount', 'EndpointSlice', 'Node']);

/** Kinds `buildInventory` reads (policy layers read the rest). */
export function isInventoryKind(kind: string): boolean {
  return INVENTORY_KINDS.has(kind);
}

function labelsOf(v: unknown): Labels {
  const out: Labels = {};
  if (isRecord(v)) for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
  return out;
}

/** The pod template of a workload (CronJob nests it under jobTemplate). */
function podTemplateOf(o: ManifestObject): { labels: Labels; annotations: Labels; spec: unknown } {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  const jobSpec = o.kind === 'CronJob' && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : spec;
  const template = isRecord(jobSpec.template) ? jobSpec.template : {};
  const meta = isRecord(template.metadata) ? template.metadata : {};
  return { labels: labelsOf(meta.labels), annotations: labelsOf(meta.annotations), spec: template.spec };
}

const controllerOwner = (o: ManifestObject) => {
  const owners = o.metadata.ownerReferences ?? [];
  return owners.find((r) => r.controller) ?? owners[0];
};

/**
 * Builds the inventory: namespaces, workloads, pods, services... Pods are attributed to their top-level
 * controller by following ownerReferences (Pod -> ReplicaSet -> Deployment, Pod -> Job -> CronJob); when the
 * intermediate object is missing, the `pod-template-hash` suffix is stripped from a ReplicaSet name. A workload
 * without any listed pod gets one synthetic pod built from its template so policies are still evaluated for it.
 */
export function buildInventory(objects: ManifestObject[]): Parsed<Inventory> {
  const diagnostics: Diagnostic[] = [];
  const namespaces = new Map<string, Namespace>();
  const workloads = new Map<string, Workload>();
  const owners = new Map<string, { kind: string; name: string } | undefined>(); // kind/ns/name -> owner of a workload object
  const podObjects: ManifestObject[] = [];
  const replicas = new Map<string, number>();
  const templateProbes = new Map<string, PodProbe[]>(); // kind/ns/name -> probes of the workload's pod template
  const inv: Inventory = { namespaces: [], workloads: [], pods: [], services: [], serviceAccounts: [], endpointSlices: [], nodes: [] };
  const nsOf = (o: ManifestObject) => o.metadata.namespace ?? 'default';
  const probesOf = (o: ManifestObject, spec: unknown, what: string): PodProbe[] => {
    const { probes, unresolved } = readPodProbes(spec);
    for (const u of unresolved)
      diagnostics.push({ severity: 'warning', code: 'probe-port-unresolved', message: `${what}: the HTTP probe ${u} names a port its container does not declare; probe ignored`, file: o.source.file, line: o.source.line });
    return probes;
  };

  for (const o of objects) {
    const body = o.body;
    const spec = isRecord(body.spec) ? body.spec : {};
    const status = isRecord(body.status) ? body.status : {};
    switch (o.kind) {
      case 'Namespace': {
        // The control plane sets this label on every namespace (immutable since v1.22):
        // https://kubernetes.io/docs/concepts/overview/working-with-objects/_print/#automatic-labelling
        const labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name };
        namespaces.set(o.metadata.name, { name: o.metadata.name, labels, annotations: o.metadata.annotations, source: o.source });
        break;
      }
      case 'Pod':
        podObjects.push(o);
        break;
      case 'Service': {
        const selector = isRecord(spec.selector) ? labelsOf(spec.selector) : null;
        const ports: ServicePort[] = asArray(spec.ports).filter(isRecord).map((p) => ({
          ...(typeof p.name === 'string' ? { name: p.name } : {}),
          port: typeof p.port === 'number' ? p.port : 0,
          targetPort: typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : typeof p.port === 'number' ? p.port : 0,
          protocol: toProtocol(p.protocol),
          ...(typeof p.appProtocol === 'string' ? { appProtocol: p.appProtocol } : {}),
        }));
        const ips = asArray(spec.clusterIPs).filter((x): x is string => typeof x === 'string');
        if (ips.length === 0 && typeof spec.clusterIP === 'string' && spec.clusterIP !== 'None') ips.push(spec.clusterIP);
        const svc: Service = { namespace: nsOf(o), name: o.metadata.name, type: typeof spec.type === 'string' ? spec.type : 'ClusterIP', clusterIPs: ips, selector: selector && Object.keys(selector).length > 0 ? selector : null, ports, source: o.source };
        inv.services.push(svc);
        break;
      }
      case 'ServiceAccount':
        inv.serviceAccounts.push({ namespace: nsOf(o), name: o.metadata.name, source: o.source });
        break;
      case 'EndpointSlice': {
        const slice: EndpointSlice = {
          namespace: nsOf(o),
          name: o.metadata.name,
          ...(o.metadata.labels['kubernetes.io/service-name'] ? { serviceName: o.metadata.labels['kubernetes.io/service-name'] } : {}),
          endpoints: asArray(body.endpoints).filter(isRecord).map((e) => ({
            addresses: asArray(e.addresses).filter((a): a is string => typeof a === 'string'),
            ...(isRecord(e.targetRef) && typeof e.targetRef.name === 'string'
              ? { targetRef: { kind: String(e.targetRef.kind ?? 'Pod'), name: e.targetRef.name, ...(typeof e.targetRef.namespace === 'string' ? { namespace: e.targetRef.namespace } : {}) } }
              : {}),
          })),
          ports: asArray(body.ports).filter(isRecord).map((p) => ({ ...(typeof p.name === 'string' ? { name: p.name } : {}), port: typeof p.port === 'number' ? p.port : 0, protocol: toProtocol(p.protocol) })),
          source: o.source,
        };
        inv.endpointSlices.push(slice);
        break;
      }
      case 'Node': {
        const ips = asArray(status.addresses).filter(isRecord).filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => String(a.address));
        const node: Node = { name: o.metadata.name, ips, labels: o.metadata.labels };
        inv.nodes.push(node);
        break;
      }
      default:
        if (WORKLOAD_KINDS.has(o.kind)) {
          const t = podTemplateOf(o);
          const facts = readPodSpec(t.spec);
          const key = `${o.kind}/${nsOf(o)}/${o.metadata.name}`;
          templateProbes.set(key, probesOf(o, t.spec, `${o.kind} ${nsOf(o)}/${o.metadata.name}`));
          workloads.set(key, { kind: o.kind as WorkloadKind, namespace: nsOf(o), name: o.metadata.name, podLabels: t.labels, podAnnotations: t.annotations, ...facts, source: o.source });
          owners.set(key, controllerOwner(o));
          if (typeof spec.replicas === 'number') replicas.set(key, spec.replicas);
        }
    }
  }

  /** Follows ownerReferences up to the top-level controller. */
  const topOwner = (kind: string, ns: string, name: string): WorkloadRef => {
    let ref: WorkloadRef = { kind: kind as WorkloadKind, namespace: ns, name };
    for (let hops = 0; hops < 5; hops++) {
      const key = `${ref.kind}/${ns}/${ref.name}`;
      if (!workloads.has(key)) {
        // ReplicaSet not exported: strip the pod-template-hash suffix to name its Deployment (fallback).
        if (ref.kind === 'ReplicaSet') {
          const m = /^(.*)-[a-z0-9]{5,10}$/.exec(ref.name);
          if (m?.[1]) return { kind: 'Deployment', namespace: ns, name: m[1] };
        }
        return ref;
      }
      const owner = owners.get(key);
      if (!owner || !WORKLOAD_KINDS.has(owner.kind)) return ref;
      ref = { kind: owner.kind as WorkloadKind, namespace: ns, name: owner.name };
    }
    return ref;
  };

  const podsByWorkload = new Set<string>();
  for (const o of podObjects) {
    const ns = nsOf(o);
    const spec = isRecord(o.body.spec) ? o.body.spec : {};
    const status = isRecord(o.body.status) ? o.body.status : {};
    const facts = readPodSpec(spec);
    const probes = probesOf(o, spec, `Pod ${ns}/${o.metadata.name}`);
    const owner = controllerOwner(o);
    const workload = owner && WORKLOAD_KINDS.has(owner.kind) ? topOwner(owner.kind, ns, owner.name) : { kind: 'Pod' as const, namespace: ns, name: o.metadata.name };
    let ips = asArray(status.podIPs).filter(isRecord).map((p) => String(p.ip));
    if (ips.length === 0 && typeof status.podIP === 'string') ips = [status.podIP];
    const lifetime = readPodLifetime(o.body.metadata, status);
    for (const field of lifetime.invalid) {
      diagnostics.push({ severity: 'warning', code: 'invalid-timestamp', message: `Pod ${ns}/${o.metadata.name}: ${field} is not an RFC 3339 time, ignored`, file: o.source.file, line: o.source.line });
    }
    const pod: Pod = {
      namespace: ns,
      name: o.metadata.name,
      labels: o.metadata.labels,
      annotations: o.metadata.annotations,
      ips,
      ...(typeof spec.nodeName === 'string' ? { nodeName: spec.nodeName } : {}),
      ...(typeof status.hostIP === 'string' ? { hostIP: status.hostIP } : {}),
      ...facts,
      ...(probes.length ? { probes } : {}),
      ...(typeof status.phase === 'string' ? { phase: status.phase } : {}),
      ...(lifetime.startTime ? { startTime: lifetime.startTime } : {}),
      ...(lifetime.endTime ? { endTime: lifetime.endTime } : {}),
      workload,
      synthetic: false,
      source: o.source,
    };
    inv.pods.push(pod);
    podsByWorkload.add(`${workload.kind}/${ns}/${workload.name}`);
    if (workload.kind === 'Pod') {
      workloads.set(`Pod/${ns}/${o.metadata.name}`, { kind: 'Pod', namespace: ns, name: o.metadata.name, podLabels: pod.labels, podAnnotations: pod.annotations, ...facts, source: o.source });
    } else if (!workloads.has(`${workload.kind}/${ns}/${workload.name}`)) {
      // The controller is not in the input: describe it from its pod so it still has a workload entry.
      workloads.set(`${workload.kind}/${ns}/${workload.name}`, { ...workload, podLabels: stripHash(pod.labels), podAnnotations: pod.annotations, ...facts });
    }
  }

  // Only top-level workloads are listed; a ReplicaSet owned by a Deployment (or a Job by a CronJob) is not.
  for (const [key, w] of workloads) {
    const top = topOwner(w.kind, w.namespace, w.name);
    if (top.kind !== w.kind || top.name !== w.name) continue;
    inv.workloads.push(w);
    if (!podsByWorkload.has(key) && w.kind !== 'Pod') {
      const probes = templateProbes.get(key) ?? [];
      for (const name of syntheticPodNames(w, replicas.get(key))) inv.pods.push({
        namespace: w.namespace,
        name,
        labels: w.podLabels,
        annotations: w.podAnnotations,
        ips: [],
        hostNetwork: w.hostNetwork,
        serviceAccount: w.serviceAccount,
        ports: w.ports,
        containers: w.containers,
        ...(probes.length ? { probes } : {}),
        workload: { kind: w.kind, namespace: w.namespace, name: w.name },
        synthetic: true,
        ...(w.source ? { source: w.source } : {}),
      });
    }
  }

  // Namespaces referenced but not listed still exist (with their implied label) so namespaceSelectors work.
  const referenced = new Set<string>([...inv.pods.map((p) => p.namespace), ...inv.services.map((s) => s.namespace)]);
  for (const ns of referenced) {
    if (!namespaces.has(ns)) namespaces.set(ns, { name: ns, labels: { 'kubernetes.io/metadata.name': ns }, annotations: {} });
  }
  inv.namespaces = [...namespaces.values()];
  return { value: inv, diagnostics };
}

function stripHash(labels: Labels): Labels {
  const { ['pod-template-hash']: _hash, ...rest } = labels;
  void _hash;
  return rest;
}

/**
 * Names of the stand-in pods of a workload that has no listed pod. StatefulSet pod names are predictable
 * (`<name>-<ordinal>`, https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-identity), so one
 * pod per replica is created; other controllers get one pod named `<name>-synthetic`.
 */
function syntheticPodNames(w: Workload, replicas: number | undefined): string[] {
  if (w.kind === 'StatefulSet') {
    const n = Math.min(Math.max(replicas ?? 1, 1), 50);
    return Array.from({ length: n }, (_, i) => `${w.name}-${i}`);
  }
  return [`${w.name}-synthetic`];
}
