/**
 * Test support for the mesh layers: raw Kubernetes objects (so tests go through the manifest parser and the
 * inventory like real input) and a connection builder. Not used by production code.
 */
import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import type { Inventory, Labels, Pod } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { Connection, HttpRequest } from '../../model/verdict';

type Raw = Record<string, unknown>;

export function namespaceObject(name: string, labels: Labels = {}, annotations: Labels = {}): Raw {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, annotations } };
}

export interface PodInput {
  ns: string;
  name: string;
  ip: string;
  labels?: Labels;
  annotations?: Labels;
  serviceAccount?: string;
  ports?: { port: number; name?: string }[];
  /** Which proxy the injector added, if any. */
  sidecar?: 'istio' | 'linkerd';
}

export function podObject(p: PodInput): Raw {
  const app = { name: 'app', image: 'example/app:1', ports: (p.ports ?? []).map((x) => ({ containerPort: x.port, protocol: 'TCP', ...(x.name ? { name: x.name } : {}) })) };
  const proxy = p.sidecar === 'istio' ? [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.27.0' }] : p.sidecar === 'linkerd' ? [{ name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:edge' }] : [];
  const injected = p.sidecar === 'istio' ? { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } : p.sidecar === 'linkerd' ? { 'linkerd.io/proxy-version': 'edge' } : {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.ns, labels: p.labels ?? { app: p.name }, annotations: { ...injected, ...(p.annotations ?? {}) } },
    spec: { serviceAccountName: p.serviceAccount ?? p.name, containers: [app, ...proxy] },
    status: { phase: 'Running', podIP: p.ip, podIPs: [{ ip: p.ip }] },
  };
}

export function deploymentObject(ns: string, name: string, labels: Labels, opts: { annotations?: Labels; serviceAccount?: string; ports?: { port: number; name?: string }[] } = {}): Raw {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: opts.annotations ?? {} },
        spec: {
          serviceAccountName: opts.serviceAccount ?? name,
          containers: [{ name: 'app', image: 'example/app:1', ports: (opts.ports ?? []).map((x) => ({ containerPort: x.port, protocol: 'TCP', ...(x.name ? { name: x.name } : {}) })) }],
        },
      },
    },
  };
}

export function serviceObject(ns: string, name: string, selector: Labels, ports: { name?: string; port: number; targetPort: number | string; appProtocol?: string }[]): Raw {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector, ports: ports.map((p) => ({ protocol: 'TCP', ...p })) } };
}

/** Parses cluster objects plus policy YAML exactly as user input is parsed. */
export function buildTestInput(cluster: Raw[], policyYaml = ''): { inventory: Inventory; objects: ManifestObject[] } {
  const clusterParsed = parseManifestText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: cluster }), 'cluster.json');
  const policyParsed = policyYaml ? parseManifestText(policyYaml, 'policies.yaml') : { value: [], diagnostics: [] };
  const errors = [...clusterParsed.diagnostics, ...policyParsed.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`test input does not parse: ${errors.map((d) => d.message).join('; ')}`);
  const objects = [...clusterParsed.value, ...policyParsed.value];
  return { inventory: buildInventory(objects).value, objects };
}

export function podByName(inventory: Inventory, name: string): Pod {
  const [ns, n] = name.split('/');
  const pod = inventory.pods.find((p) => p.namespace === ns && (p.name === n || p.workload.name === n));
  if (!pod) throw new Error(`no pod ${name} in the test inventory`);
  return pod;
}

/** `from`/`to` are `ns/pod-or-workload` or `ip:<addr>`. */
export function connection(inventory: Inventory, from: string, to: string, port: number, request?: HttpRequest): Connection {
  const end = (n: string) => (n.startsWith('ip:') ? { kind: 'ip' as const, ip: n.slice(3) } : { kind: 'pod' as const, pod: podByName(inventory, n) });
  const destination = end(to);
  const portName = destination.kind === 'pod' ? destination.pod.ports.find((p) => p.port === port)?.name : undefined;
  return { source: end(from), destination, port, protocol: 'TCP', ...(portName ? { portName } : {}), ...(request ? { request } : {}) };
}
