/**
 * Generator for the network-policy matrix benchmark: `namespaces` namespaces of `podsPerNamespace` pods, each pod
 * exposing 3 ports (http 8080/TCP, grpc 9090/TCP, dns 53/UDP), and `policies` NetworkPolicies mixing the shapes
 * seen in real clusters (default deny, podSelector, namespaceSelector, AND peers, matchExpressions, ipBlock,
 * named ports, endPort, egress), plus a few AdminNetworkPolicies. Deterministic (seeded).
 */
import { parseManifestText } from '../lib/manifest';
import type { ManifestObject } from '../lib/model';

export interface MatrixBenchSize {
  namespaces: number;
  podsPerNamespace: number;
  policies: number;
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TIERS = ['web', 'api', 'db', 'cache', 'worker'];

export function generateMatrixInput(size: MatrixBenchSize, seed = 42): ManifestObject[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < size.namespaces; n++) {
    const ns = `ns-${n}`;
    items.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: `team-${n % 20}`, env: n % 3 === 0 ? 'prod' : 'dev' } } });
    for (let p = 0; p < size.podsPerNamespace; p++) {
      const tier = TIERS[p % TIERS.length]!;
      items.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${tier}-${p}`, namespace: ns, labels: { app: `app-${p}`, tier, version: `v${p % 3}` } },
        spec: {
          containers: [
            {
              name: 'main',
              ports: [
                { name: 'http', containerPort: 8080 },
                { name: 'grpc', containerPort: 9090 },
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
              ],
            },
          ],
        },
        status: { podIP: `10.${Math.floor(n / 200)}.${n % 200}.${p + 10}` },
      });
    }
  }
  for (let i = 0; i < size.policies; i++) {
    const ns = `ns-${Math.floor(rand() * size.namespaces)}`;
    const shape = i % 8;
    const tier = pick(TIERS);
    const peerTier = pick(TIERS);
    let spec: Record<string, unknown>;
    switch (shape) {
      case 0:
        spec = { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { tier: 'cache' } } }], ports: [{ port: 53, protocol: 'UDP' }] }] };
        break;
      case 1:
        spec = { podSelector: { matchLabels: { tier } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: peerTier } } }], ports: [{ port: 'http' }] }] };
        break;
      case 2:
        spec = { podSelector: { matchLabels: { tier } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `team-${i % 20}` } } }] }] };
        break;
      case 3:
        spec = { podSelector: { matchLabels: { tier } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [peerTier, 'web'] }] } }], ports: [{ port: 9000, endPort: 9100 }] }] };
        break;
      case 4:
        spec = { podSelector: { matchExpressions: [{ key: 'version', operator: 'NotIn', values: ['v0'] }] }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: [`10.0.${i % 200}.0/24`] } }] }] };
        break;
      case 5:
        spec = { podSelector: { matchLabels: { tier } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { tier: peerTier } } }, { namespaceSelector: { matchLabels: { team: `team-${(i + 1) % 20}` } } }], ports: [{ port: 'grpc' }, { port: 8080 }] }] };
        break;
      case 6:
        spec = { podSelector: { matchLabels: { app: `app-${i % 10}` } }, ingress: [{}] };
        break;
      default:
        spec = { podSelector: { matchLabels: { tier } }, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }, { port: 'http' }] }], egress: [{}] };
    }
    items.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `policy-${i}`, namespace: ns }, spec });
  }
  // A few cluster-wide guardrails on top.
  items.push({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name: 'deny-dev-to-prod' },
    spec: { priority: 10, subject: { namespaces: { matchLabels: { env: 'prod' } } }, ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'dev' } } }], ports: [{ portNumber: { protocol: 'TCP', port: 9090 } }] }] },
  });
  items.push({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name: 'allow-dns' },
    spec: { priority: 20, subject: { namespaces: {} }, egress: [{ action: 'Allow', to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { tier: 'cache' } } } }], ports: [{ namedPort: 'dns' }] }] },
  });
  items.push({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'default' },
    spec: { subject: { namespaces: { matchLabels: { env: 'prod' } } }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] },
  });
  return parseManifestText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }), 'bench.json').value;
}
