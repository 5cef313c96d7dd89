// Inventory from `kubectl get ... -o json` (fixtures/boutique/kubernetes/cluster-state.json, see fixtures/boutique/README.md)
// and from workload templates alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseManifestText } from '../manifest';
import { buildInventory, findPods, resolveEndpointName } from './index';

const clusterState = path.resolve(import.meta.dirname, '../../fixtures/boutique/kubernetes/cluster-state.json');
const boutique = buildInventory(parseManifestText(readFileSync(clusterState, 'utf8'), clusterState).value).value;
const yaml = (text: string) => buildInventory(parseManifestText(text, 'inline.yaml').value).value;

describe('boutique cluster-state.json', () => {
  test('namespaces carry the implied kubernetes.io/metadata.name label and their own labels', () => {
    expect(boutique.namespaces.find((n) => n.name === 'tools')?.labels).toEqual({ 'kubernetes.io/metadata.name': 'tools', purpose: 'debug' });
  });

  test.each([
    ['boutique', 'currencyservice-d7k7vs2nkp-kwtss', 'Deployment', 'currencyservice', '10.0.2.131', 'currencyservice'],
    ['boutique', 'redis-cart-klnb2pxsgz-q84xx', 'Deployment', 'redis-cart', '10.0.3.88', 'default'],
    ['tools', 'netshoot-debug', 'Pod', 'netshoot-debug', '10.0.2.153', 'default'],
    ['istio-system', 'istio-ingressgateway-4mbwsj9mq7-rd4l9', 'Deployment', 'istio-ingressgateway', '10.0.1.171', 'istio-ingressgateway-service-account'],
  ])('pod %s/%s belongs to %s/%s', (ns, name, kind, workload, ip, sa) => {
    const pod = boutique.pods.find((p) => p.namespace === ns && p.name === name);
    expect(pod).toMatchObject({ workload: { kind, namespace: ns, name: workload }, ips: [ip], serviceAccount: sa, synthetic: false });
  });

  test('container ports keep their names (named-port resolution)', () => {
    const pod = boutique.pods.find((p) => p.name.startsWith('currencyservice'));
    expect(pod?.ports).toContainEqual({ name: 'grpc', port: 7000, protocol: 'TCP' });
  });

  test('HTTP probes as the export has them (Istio rewrote the app probe to :15020); tcpSocket probes are not listed', () => {
    expect(boutique.pods.find((p) => p.name.startsWith('frontend-'))?.probes).toEqual([
      { kind: 'readiness', container: 'server', port: 15020, path: '/app-health/server/readyz' },
      { kind: 'readiness', container: 'istio-proxy', port: 15021, path: '/healthz/ready' },
    ]);
    expect(boutique.pods.find((p) => p.name.startsWith('redis-cart-'))?.probes).toEqual([{ kind: 'readiness', container: 'istio-proxy', port: 15021, path: '/healthz/ready' }]);
  });

  test('only top-level workloads are listed; ReplicaSets owned by Deployments are not', () => {
    expect(boutique.workloads.filter((w) => w.kind === 'ReplicaSet')).toEqual([]);
    expect(boutique.workloads.filter((w) => w.kind === 'Deployment')).toHaveLength(15);
    expect(boutique.pods.filter((p) => p.synthetic)).toEqual([]);
  });

  test('services keep selectors, named target ports and selector-less services', () => {
    expect(boutique.services.find((s) => s.name === 'currencyservice')?.ports[0]).toMatchObject({ port: 7000, targetPort: 'grpc' });
    expect(boutique.services.find((s) => s.name === 'kubernetes')?.selector).toBeNull();
    expect(boutique.endpointSlices.length).toBeGreaterThan(0);
  });
});

describe('ownership fallbacks and stand-in pods', () => {
  test('a pod whose ReplicaSet is not listed is attributed to the Deployment by stripping pod-template-hash', () => {
    const inv = yaml(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-5d8f9c7b6-abcde\n  namespace: n\n  labels: {app: web, pod-template-hash: 5d8f9c7b6}\n  ownerReferences: [{kind: ReplicaSet, name: web-5d8f9c7b6, controller: true}]\n`);
    expect(inv.pods[0]?.workload).toEqual({ kind: 'Deployment', namespace: 'n', name: 'web' });
    expect(inv.workloads[0]).toMatchObject({ kind: 'Deployment', name: 'web', podLabels: { app: 'web' } });
  });

  test('Job -> CronJob', () => {
    const inv = yaml(`apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: n}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: nightly}}\n        spec: {containers: [{name: c}]}\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: nightly-29000000\n  namespace: n\n  ownerReferences: [{kind: CronJob, name: nightly, controller: true}]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nightly-29000000-x2k9q\n  namespace: n\n  ownerReferences: [{kind: Job, name: nightly-29000000, controller: true}]\n`);
    expect(inv.pods.map((p) => [p.name, p.workload.kind, p.workload.name])).toEqual([['nightly-29000000-x2k9q', 'CronJob', 'nightly']]);
    expect(inv.workloads.map((w) => `${w.kind}/${w.name}`)).toEqual(['CronJob/nightly']);
  });

  test.each([
    ['Deployment', 'apps/v1', 'spec:\n  template:\n    metadata: {labels: {app: w}}\n    spec:\n      hostNetwork: true\n      serviceAccountName: sa\n      containers: [{name: c, ports: [{containerPort: 80, name: http}]}]\n', ['w-synthetic']],
    ['StatefulSet', 'apps/v1', 'spec:\n  replicas: 3\n  template:\n    metadata: {labels: {app: w}}\n    spec:\n      hostNetwork: true\n      serviceAccountName: sa\n      containers: [{name: c, ports: [{containerPort: 80, name: http}]}]\n', ['w-0', 'w-1', 'w-2']],
    ['DaemonSet', 'apps/v1', 'spec:\n  template:\n    metadata: {labels: {app: w}}\n    spec:\n      hostNetwork: true\n      serviceAccountName: sa\n      containers: [{name: c, ports: [{containerPort: 80, name: http}]}]\n', ['w-synthetic']],
  ])('a %s without listed pods gets stand-in pods from its template', (kind, apiVersion, spec, names) => {
    const inv = yaml(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w, namespace: n}\n${spec}`);
    expect(inv.pods.map((p) => p.name)).toEqual(names);
    expect(inv.pods[0]).toMatchObject({ synthetic: true, labels: { app: 'w' }, hostNetwork: true, serviceAccount: 'sa', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], workload: { kind, name: 'w' } });
    expect(inv.namespaces).toEqual([{ name: 'n', labels: { 'kubernetes.io/metadata.name': 'n' }, annotations: {} }]);
  });
});

describe('resolveEndpointName', () => {
  test.each([
    ['tools/netshoot-debug', 'pod', 1],
    ['boutique/frontend-fvnq2lwh86-kc27d', 'pod', 1],
    ['boutique/frontend', 'workload', 1],
    ['kube-system/coredns', 'workload', 2],
    ['ip:10.0.3.250', 'ip', 0],
    ['ip:10.0.2.131', 'pod', 1], // currencyservice's pod IP is that pod
    ['kube-system/kube-dns', 'service', 2],
    ['ip:2001:db8::1', 'ip', 0],
  ])('%s resolves to a %s', (name, kind, pods) => {
    const r = resolveEndpointName(boutique, name);
    expect(r.ok && r.value.kind).toBe(kind);
    expect(r.ok && (r.value.kind === 'ip' ? 0 : r.value.pods.length)).toBe(pods);
  });

  test.each([
    ['boutique/nope', /unknown pod, workload or service "boutique\/nope" in namespace boutique/],
    ['default/kubernetes', /service "default\/kubernetes" has no backing pod/],
    ['nowhere/x', /no namespace nowhere/],
    ['frontend', /expected <namespace>\/<name> or ip:<address>/],
    ['ip:10.0.0.300', /invalid IP address/],
  ])('%s is a clear error', (name, message) => {
    const r = resolveEndpointName(boutique, name);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });

  test('findPods lists every pod of a workload', () => {
    expect(findPods(boutique, { namespace: 'kube-system', name: 'coredns' }).map((p) => p.ips[0])).toEqual(['10.0.1.35', '10.0.3.30']);
  });
});
