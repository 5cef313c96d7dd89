import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import type { Inventory, Protocol } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { ObservedEdge } from '../../traffic/model';

/** Small typed builders for test clusters and observed edges (rendered as a `kubectl get -o json` List and parsed like real input). */
export interface WorkloadSpec {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  serviceAccount?: string;
  ports: { port: number; protocol?: Protocol; name?: string }[];
  /** Adds the mesh's proxy container, as an injected pod has it. */
  mesh?: 'istio' | 'linkerd';
}

/** `extra`: further raw objects for the List (EndpointSlices, Nodes, ...). */
export function clusterObjects(workloads: readonly WorkloadSpec[], extra: readonly unknown[] = []): ManifestObject[] {
  const namespaces = [...new Set(workloads.map((w) => w.namespace))].sort();
  const items: unknown[] = namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } }));
  workloads.forEach((w, i) => {
    const labels = w.labels ?? { app: w.name };
    const spec = {
      serviceAccountName: w.serviceAccount ?? w.name,
      containers: [
        { name: 'main', ports: w.ports.map((p) => ({ containerPort: p.port, protocol: p.protocol ?? 'TCP', ...(p.name ? { name: p.name } : {}) })) },
        ...(w.mesh ? [{ name: w.mesh === 'istio' ? 'istio-proxy' : 'linkerd-proxy' }] : []),
      ],
    };
    items.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: w.name, namespace: w.namespace }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } });
    items.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${w.name}-abc12-x${i}`, namespace: w.namespace, labels: { ...labels, 'pod-template-hash': 'abc12' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: w.name, controller: true }] },
      spec: { ...spec, nodeName: 'node-1' },
      status: { phase: 'Running', podIP: `10.1.${Math.floor(i / 250)}.${(i % 250) + 2}`, hostIP: '10.0.0.1' },
    });
  });
  items.push(...extra);
  return parseManifestText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }), 'test-cluster.json').value;
}

export function clusterInventory(workloads: readonly WorkloadSpec[], extra: readonly unknown[] = []): Inventory {
  return buildInventory(clusterObjects(workloads, extra)).value;
}

export function observedEdge(source: string, destination: string, port: number, extra: Partial<ObservedEdge> = {}): ObservedEdge {
  return {
    source,
    destination,
    port,
    protocol: 'TCP',
    count: 10,
    countUnit: 'requests',
    firstSeen: '2026-03-12T09:30:00Z',
    lastSeen: '2026-03-12T09:45:00Z',
    verdicts: { forwarded: 10 },
    observedBy: ['test'],
    ...extra,
  };
}
