/**
 * Synthetic cluster for the graph benchmarks: N namespaces of M workloads (one pod each), a default-deny
 * NetworkPolicy per namespace, one ingress policy per workload admitting 6 named callers of its namespace and one
 * of the next namespace, and observed traffic: 5 of the 7 granted callers (allowed), 3 callers without a grant
 * (denied), one DNS lookup and one caller from outside the cluster per workload = 10 edges per workload.
 */
import type { ManifestObject } from '../lib/model/manifest';
import type { ObservedEdge } from '../lib/traffic/model';
import { mulberry32 } from '../lib/util/seeded-random';

export interface GraphBenchData {
  objects: ManifestObject[];
  edges: ObservedEdge[];
}

const source = { file: 'bench', line: 1 };
const obj = (apiVersion: string, kind: string, name: string, namespace: string | undefined, labels: Record<string, string>, body: Record<string, unknown>): ManifestObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), labels, annotations: {} },
  body: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}), labels }, ...body },
  source,
});

/** Deterministic PRNG so every run measures the same graph. */
const random = mulberry32;

export function generateGraphBenchData(namespaces = 100, perNamespace = 50): GraphBenchData {
  const rnd = random(42);
  const objects: ManifestObject[] = [];
  const edges: ObservedEdge[] = [];
  const ns = (i: number) => `team-${String(i).padStart(3, '0')}`;
  const wl = (j: number) => `svc-${String(j).padStart(3, '0')}`;
  const t0 = Date.parse('2026-03-12T09:00:00Z');
  const at = (min: number) => new Date(t0 + min * 60_000).toISOString();
  const edge = (src: string, dst: string, port: number, protocol: 'TCP' | 'UDP', verdict: string, count: number): ObservedEdge => {
    const start = Math.floor(rnd() * 30);
    return { source: src, destination: dst, port, protocol, count, countUnit: 'requests', firstSeen: at(start), lastSeen: at(start + 1 + Math.floor(rnd() * 29)), verdicts: { [verdict]: count }, observedBy: ['hubble'] };
  };

  objects.push(obj('v1', 'Namespace', 'kube-system', undefined, {}, {}));
  objects.push(
    obj('v1', 'Pod', 'coredns-0', 'kube-system', { 'k8s-app': 'kube-dns' }, {
      spec: { serviceAccountName: 'coredns', nodeName: 'node-0', containers: [{ name: 'coredns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }] },
      status: { podIP: '10.255.0.10', hostIP: '10.0.0.1', phase: 'Running' },
    }),
  );
  for (let i = 0; i < namespaces; i++) {
    objects.push(obj('v1', 'Namespace', ns(i), undefined, { team: `t${i}` }, {}));
    objects.push(obj('networking.k8s.io/v1', 'NetworkPolicy', 'default-deny', ns(i), {}, { spec: { podSelector: {}, policyTypes: ['Ingress'] } }));
    for (let j = 0; j < perNamespace; j++) {
      const ip = `10.${Math.floor(i / 2)}.${(i % 2) * 100 + Math.floor(j / 250)}.${(j % 250) + 1}`;
      objects.push(
        obj('v1', 'Pod', wl(j), ns(i), { app: wl(j), tier: j % 3 === 0 ? 'web' : 'backend' }, {
          spec: { serviceAccountName: wl(j), nodeName: `node-${j % 10}`, containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
          status: { podIP: ip, hostIP: `10.0.0.${(j % 10) + 1}`, phase: 'Running' },
        }),
      );
      const callers = [1, 2, 3, 4, 5, 6].map((k) => (j + k) % perNamespace);
      const remote = { ns: ns((i + 1) % namespaces), wl: wl(j) };
      objects.push(
        obj('networking.k8s.io/v1', 'NetworkPolicy', `allow-${wl(j)}`, ns(i), {}, {
          spec: {
            podSelector: { matchLabels: { app: wl(j) } },
            ingress: [
              { from: callers.map((c) => ({ podSelector: { matchLabels: { app: wl(c) } } })), ports: [{ port: 'http', protocol: 'TCP' }] },
              { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': remote.ns } }, podSelector: { matchLabels: { app: remote.wl } } }], ports: [{ port: 8080 }] },
            ],
          },
        }),
      );
      const me = `${ns(i)}/${wl(j)}`;
      for (const c of callers.slice(0, 5)) edges.push(edge(`${ns(i)}/${wl(c)}`, me, 8080, 'TCP', 'forwarded', 10 + Math.floor(rnd() * 1000)));
      for (const k of [10, 20, 30]) edges.push(edge(`${ns(i)}/${wl((j + k) % perNamespace)}`, me, 8080, 'TCP', 'dropped:POLICY_DENIED', 1 + Math.floor(rnd() * 5)));
      edges.push(edge(me, 'kube-system/coredns-0', 53, 'UDP', 'forwarded', 50));
      edges.push(edge(`ip:203.0.113.${(j % 250) + 1}`, me, 8080, 'TCP', 'dropped:POLICY_DENIED', 1));
    }
  }
  return { objects, edges };
}
