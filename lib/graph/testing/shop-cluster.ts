import { buildInventory } from '../../inventory';
import type { Labels } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import { createEvaluator } from '../../policy';

/** A tiny typed cluster for rule-catalog and unused-edge tests: each policy exercises one case named in its comment. */
const source = { file: 'shop-cluster.ts', line: 1 };
function obj(apiVersion: string, kind: string, name: string, namespace: string | undefined, labels: Labels, body: Record<string, unknown>): ManifestObject {
  const metadata = { name, ...(namespace ? { namespace } : {}), labels, annotations: {} };
  return { apiVersion, kind, metadata, body: { apiVersion, kind, metadata, ...body }, source };
}
const ns = (name: string, labels: Labels = {}) => obj('v1', 'Namespace', name, undefined, labels, {});
const pod = (namespace: string, name: string, labels: Labels, ip: string, ports: { name?: string; containerPort: number; protocol?: string }[]) =>
  obj('v1', 'Pod', name, namespace, labels, { spec: { serviceAccountName: name, containers: [{ name: 'app', ports }] }, status: { podIP: ip, phase: 'Running' } });
const netpol = (name: string, spec: Record<string, unknown>) => obj('networking.k8s.io/v1', 'NetworkPolicy', name, 'shop', {}, { spec });

export const shopObjects: ManifestObject[] = [
  ns('shop', { team: 'shop' }),
  ns('ops', { purpose: 'debug' }),
  pod('shop', 'frontend', { app: 'frontend' }, '10.1.0.1', [{ name: 'http', containerPort: 8080 }]),
  pod('shop', 'api', { app: 'api' }, '10.1.0.2', [{ name: 'grpc', containerPort: 9090 }, { name: 'metrics', containerPort: 9091 }]),
  pod('shop', 'db', { app: 'db' }, '10.1.0.3', [{ name: 'pg', containerPort: 5432 }]),
  pod('ops', 'debug', { run: 'debug' }, '10.1.0.9', []),
  netpol('deny-all', { podSelector: {}, policyTypes: ['Ingress'] }),
  // Wildcard: `ingress: [{}]` admits everyone.
  netpol('frontend', { podSelector: { matchLabels: { app: 'frontend' } }, ingress: [{}] }),
  netpol('api', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [
      // from[0]: a specific caller on a NAMED port; from[1]: a selector that matches no pod (dangling).
      { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }, { podSelector: { matchLabels: { app: 'ghost' } } }], ports: [{ port: 'grpc' }] },
      // Every pod of every namespace: a wildcard in all but name.
      { from: [{ namespaceSelector: {}, podSelector: {} }], ports: [{ port: 9091 }] },
    ],
  }),
  // No ports = every port; an ipBlock peer is an address range, neither an edge nor dangling.
  netpol('db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }, { ipBlock: { cidr: '192.168.0.0/16' } }] }] }),
];

export function loadShop() {
  const inventory = buildInventory(shopObjects).value;
  const evaluator = createEvaluator(inventory, shopObjects).value;
  return { inventory, evaluator };
}
