import { describe, expect, test } from 'vitest';
import { createEvaluator } from '../policy';
import { evaluateEdge, generateDraft, toManifestObjects } from './index';
import { clusterInventory, observedEdge } from './test-support/cluster';

/** NetworkPolicy details on a small cluster: API server, external peers, merging, per-workload scope. */
const apiServerSlice = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.0.1.180'] }, { addresses: ['10.0.2.201'] }],
  ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
};
const inventory = clusterInventory(
  [
    { namespace: 'app', name: 'operator', ports: [] },
    { namespace: 'app', name: 'web', ports: [{ port: 8080 }, { port: 9090 }] },
    { namespace: 'app', name: 'worker', ports: [{ port: 8080 }] },
    { namespace: 'app', name: 'cron', ports: [] },
  ],
  [apiServerSlice],
);
const spec = (d: ReturnType<typeof generateDraft>, name: string) => d.documents.find((x) => x.object.metadata.name === name)?.object.spec;

describe('NetworkPolicy draft details', () => {
  test('API-server egress only for the workload that was observed calling it, to the control-plane endpoints', () => {
    const d = generateDraft({ inventory, edges: [observedEdge('app/operator', 'kube-apiserver', 443)], scope: { namespaces: ['app'] } });
    expect(spec(d, 'eastwest-operator-egress')).toEqual({
      podSelector: { matchLabels: { app: 'operator' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.1.180/32' } }, { ipBlock: { cidr: '10.0.2.201/32' } }], ports: [{ port: 443, protocol: 'TCP' }] }],
    });
    expect(d.yaml.match(/10\.0\.1\.180/g)).toHaveLength(1);
  });

  test('peers with the same port set share one rule; a peer with other ports gets its own', () => {
    const d = generateDraft({
      inventory,
      edges: [observedEdge('app/cron', 'app/web', 8080), observedEdge('app/worker', 'app/web', 8080), observedEdge('app/operator', 'app/web', 8080), observedEdge('app/operator', 'app/web', 9090)],
      scope: { namespaces: ['app'] },
    });
    expect(spec(d, 'eastwest-web-ingress')).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'operator' } } }], ports: [{ port: 8080, protocol: 'TCP' }, { port: 9090, protocol: 'TCP' }] },
        { from: [{ podSelector: { matchLabels: { app: 'cron' } } }, { podSelector: { matchLabels: { app: 'worker' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
      ],
    });
  });

  test('external addresses become ipBlocks; duplicates of the same connection collapse', () => {
    const d = generateDraft({
      inventory,
      edges: [observedEdge('ip:198.51.100.7', 'app/web', 8080), observedEdge('ip:198.51.100.7', 'app/web', 8080, { method: 'GET', pathTemplate: '/' }), observedEdge('app/worker', 'cidr:192.0.2.0/24', 5432)],
      scope: { namespaces: ['app'] },
    });
    expect(spec(d, 'eastwest-web-ingress')).toMatchObject({ ingress: [{ from: [{ ipBlock: { cidr: '198.51.100.7/32' } }], ports: [{ port: 8080, protocol: 'TCP' }] }] });
    expect(spec(d, 'eastwest-worker-egress')).toMatchObject({ egress: [{ to: [{ ipBlock: { cidr: '192.0.2.0/24' } }], ports: [{ port: 5432, protocol: 'TCP' }] }] });
    expect(d.grants).toHaveLength(2);
  });

  test('a workload scope isolates only the named workloads, with DNS in their own egress policy', () => {
    const d = generateDraft({ inventory, edges: [observedEdge('app/worker', 'app/web', 8080)], scope: { workloads: ['app/web'] } });
    expect(d.documents.map((x) => x.object.metadata.name)).toEqual(['eastwest-web-egress', 'eastwest-web-ingress']);
    expect(spec(d, 'eastwest-web-egress')).toMatchObject({ policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }] });
    const ev = createEvaluator(inventory, toManifestObjects(d.documents).value).value;
    expect(evaluateEdge(ev, inventory, { source: 'app/worker', destination: 'app/web', port: 8080, protocol: 'TCP' }).outcome).toBe('allowed');
    expect(evaluateEdge(ev, inventory, { source: 'app/cron', destination: 'app/web', port: 8080, protocol: 'TCP' }).outcome).toBe('denied');
    expect(evaluateEdge(ev, inventory, { source: 'app/cron', destination: 'app/worker', port: 8080, protocol: 'TCP' }).outcome).toBe('allowed');
  });

  test('unknown scope workloads are errors, world is a warning', () => {
    const d = generateDraft({ inventory, edges: [observedEdge('world', 'app/web', 8080)], scope: { workloads: ['app/nope', 'app/web'] } });
    expect(d.diagnostics.map((x) => `${x.severity}:${x.code}`)).toEqual(['error:unknown-workload', 'warning:world-peer']);
  });
});
