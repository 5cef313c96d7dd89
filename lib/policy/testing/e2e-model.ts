/**
 * The upstream e2e model (kubernetes test/e2e/network/netpol/: model.go, reachability.go): namespaces x, y, z,
 * each with pods a, b, c labelled `pod=<name>`, serving ports 80 and 81 over TCP, UDP and SCTP; every container
 * port is named `serve-<port>-<protocol>`. Built as raw Kubernetes objects so tests go through the parser and the
 * inventory like real input.
 */
import { parseManifestText } from '../../manifest';
import type { ManifestObject } from '../../model/manifest';
import type { Protocol } from '../../model/kubernetes';

export const E2E_NAMESPACES = ['x', 'y', 'z'] as const;
export const E2E_PODS = ['a', 'b', 'c'] as const;
export const E2E_PORTS = [80, 81] as const;
export const E2E_PROTOCOLS: Protocol[] = ['TCP', 'UDP', 'SCTP'];

export const podIp = (ns: string, pod: string) => `192.168.${E2E_NAMESPACES.indexOf(ns as 'x') + 1}.${10 + E2E_PODS.indexOf(pod as 'a')}`;

export function e2eCluster(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const ns of E2E_NAMESPACES) {
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ns } } });
    for (const pod of E2E_PODS) {
      const containers = E2E_PORTS.flatMap((port) =>
        E2E_PROTOCOLS.map((protocol) => ({
          name: `cont-${port}-${protocol.toLowerCase()}`,
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
          ports: [{ containerPort: port, name: `serve-${port}-${protocol.toLowerCase()}`, protocol }],
        })),
      );
      out.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: pod, namespace: ns, labels: { pod } },
        spec: { containers },
        status: { phase: 'Running', podIP: podIp(ns, pod), podIPs: [{ ip: podIp(ns, pod) }] },
      });
    }
  }
  return out;
}

/** Turns raw objects into ManifestObjects through the real parser. */
export function toManifests(raw: Record<string, unknown>[], file = 'test.json'): ManifestObject[] {
  const r = parseManifestText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: raw }), file);
  if (r.diagnostics.length) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

export function netpol(namespace: string, name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** The upstream Reachability truth table: every pair starts at `defaultExpect`, then Expect* calls override it. */
export class Reachability {
  readonly pods = E2E_NAMESPACES.flatMap((ns) => E2E_PODS.map((p) => `${ns}/${p}`));
  private table = new Map<string, boolean>();
  constructor(defaultExpect = true) {
    for (const f of this.pods) for (const t of this.pods) this.table.set(`${f}>${t}`, defaultExpect);
  }
  private static matches(peer: { ns?: string; pod?: string }, podString: string) {
    const [ns, pod] = podString.split('/');
    return (peer.ns === undefined || peer.ns === ns) && (peer.pod === undefined || peer.pod === pod);
  }
  expect(from: string, to: string, v: boolean) {
    this.table.set(`${from}>${to}`, v);
    return this;
  }
  expectPeer(from: { ns?: string; pod?: string }, to: { ns?: string; pod?: string }, v: boolean) {
    for (const f of this.pods) for (const t of this.pods) if (Reachability.matches(from, f) && Reachability.matches(to, t)) this.table.set(`${f}>${t}`, v);
    return this;
  }
  expectAllIngress(to: string, v: boolean) {
    for (const f of this.pods) this.table.set(`${f}>${to}`, v);
    return this;
  }
  expectAllEgress(from: string, v: boolean) {
    for (const t of this.pods) this.table.set(`${from}>${t}`, v);
    return this;
  }
  get(from: string, to: string): boolean {
    return this.table.get(`${from}>${to}`)!;
  }
}
