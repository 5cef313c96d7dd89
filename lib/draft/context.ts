import type { Diagnostic } from '../model/diagnostics';
import type { EndpointName } from '../model/identity';
import type { Inventory, Labels, Workload } from '../model/kubernetes';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../model/manifest';
import { workloadIndex } from './collect-grants';
import { selectWorkloadLabels } from './selector-labels';
import type { Grant } from './types';

/** A peer of a grant as every generator needs it. */
export type Peer =
  | { kind: 'workload'; name: EndpointName; namespace: string; labels: Labels; serviceAccount: string }
  /** Addresses outside the pods: `ip:`, `cidr:`, `node:` (its IPs) and `kube-apiserver` (the `default/kubernetes` endpoints). */
  | { kind: 'addresses'; name: EndpointName; cidrs: string[]; entity?: 'node' | 'kube-apiserver' }
  | { kind: 'world'; name: EndpointName }
  | { kind: 'fqdn'; name: EndpointName; fqdn: string };

export interface DraftContext {
  inventory: Inventory;
  options: EngineOptions;
  workloads: Map<EndpointName, Workload>;
  diagnostics: Diagnostic[];
  /** Resolves an endpoint name; `null` (with a diagnostic, reported once) when a policy cannot name it. */
  peer(name: EndpointName): Peer | null;
  /** The cluster DNS pods: namespace and the selector of the `kube-dns` Service. */
  dns: { namespace: string; labels: Labels };
  isDnsGrant(grant: Grant): boolean;
}

const hostCidr = (ip: string) => (ip.includes(':') ? `${ip}/128` : `${ip}/32`);

export function createContext(inventory: Inventory, options?: Partial<EngineOptions>): DraftContext {
  const diagnostics: Diagnostic[] = [];
  const workloads = workloadIndex(inventory);
  const reported = new Set<string>();
  const report = (key: string, d: Diagnostic) => {
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.push(d);
  };
  const cache = new Map<EndpointName, Peer | null>();

  const kubeDns = inventory.services.find((s) => s.namespace === 'kube-system' && s.name === 'kube-dns');
  const dns = { namespace: 'kube-system', labels: kubeDns?.selector ?? { 'k8s-app': 'kube-dns' } };

  const resolve = (name: EndpointName): Peer | null => {
    const w = workloads.get(name);
    if (w) {
      if (w.hostNetwork)
        // https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods
        report(`host:${name}`, { severity: 'warning', code: 'host-network-workload', message: `${name} uses hostNetwork: NetworkPolicy behaviour for host-network pods is undefined (most plugins neither isolate them nor match them by podSelector)` });
      const sel = selectWorkloadLabels(inventory, w);
      for (const d of sel.diagnostics) report(`${d.code}:${name}`, d);
      if (!sel.labels) return null;
      return { kind: 'workload', name, namespace: w.namespace, labels: sel.labels, serviceAccount: w.serviceAccount || 'default' };
    }
    if (name === 'world') return { kind: 'world', name };
    if (name.startsWith('ip:')) return { kind: 'addresses', name, cidrs: [hostCidr(name.slice(3))] };
    if (name.startsWith('cidr:')) return { kind: 'addresses', name, cidrs: [name.slice(5)] };
    if (name.startsWith('dns:')) return { kind: 'fqdn', name, fqdn: name.slice(4) };
    if (name.startsWith('node:')) {
      const node = name.slice(5);
      const ips = new Set(inventory.nodes.find((n) => n.name === node)?.ips ?? []);
      for (const p of inventory.pods) if (p.nodeName === node && p.hostIP) ips.add(p.hostIP);
      if (ips.size === 0) {
        report(`node:${name}`, { severity: 'warning', code: 'unknown-node-address', message: `no IP known for ${name}; its traffic is not granted (export Nodes or pods with status.hostIP)` });
        return null;
      }
      return { kind: 'addresses', name, cidrs: [...ips].sort().map(hostCidr), entity: 'node' };
    }
    if (name === 'kube-apiserver') {
      // The API server is reached through the `default/kubernetes` Service; its EndpointSlices carry the
      // control-plane addresses that egress rules must name.
      const ips = new Set(inventory.endpointSlices.filter((s) => s.namespace === 'default' && (s.serviceName ?? s.name) === 'kubernetes').flatMap((s) => s.endpoints.flatMap((e) => e.addresses)));
      if (ips.size === 0) {
        report(name, { severity: 'warning', code: 'unknown-apiserver-address', message: 'no EndpointSlice for default/kubernetes in the input; API-server traffic is not granted' });
        return null;
      }
      return { kind: 'addresses', name, cidrs: [...ips].sort().map(hostCidr), entity: 'kube-apiserver' };
    }
    report(`unknown:${name}`, { severity: 'warning', code: 'unknown-endpoint', message: `${name} is not a workload of the inventory; its traffic is not granted` });
    return null;
  };

  const peer = (name: EndpointName) => {
    if (!cache.has(name)) cache.set(name, resolve(name));
    return cache.get(name) ?? null;
  };

  const isDnsGrant = (g: Grant) => {
    if (g.port !== 53 || g.protocol === 'SCTP') return false;
    const w = workloads.get(g.destination);
    return !!w && w.namespace === dns.namespace && Object.entries(dns.labels).every(([k, v]) => w.podLabels[k] === v);
  };

  return { inventory, options: { ...DEFAULT_ENGINE_OPTIONS, ...options }, workloads, diagnostics, peer, dns, isDnsGrant };
}

/** `<ns>/<name>` → `<name>`, used in generated object names (the namespace is the object's own). */
export const shortName = (name: EndpointName) => name.slice(name.indexOf('/') + 1);

/**
 * `3 observed edges granted`, for a policy's header comment. A grant is one observed edge (source, destination,
 * port, protocol), which aggregates every request or connection seen on it: counting them as "connections" read
 * as 1 where 1,390 requests were granted.
 */
export const grantedEdgesText = (grants: number): string => `${grants} observed edge${grants === 1 ? '' : 's'} granted`;

/** One provenance line: `boutique/frontend -> 3550/TCP: 2140 requests, 2026-03-12T09:30:05Z .. 2026-03-12T09:44:55Z`. */
export function provenanceLine(g: Grant): string {
  const ops = g.operations ? ` [${g.operations.map((o) => [o.method, o.pathTemplate].filter(Boolean).join(' ')).join(', ')}]` : '';
  if (g.manual) return `${g.source} -> ${g.destination} ${g.port}/${g.protocol}${ops}: granted by hand, not observed`;
  return `${g.source} -> ${g.destination} ${g.port}/${g.protocol}${ops}: ${g.count} observed, first ${g.firstSeen}, last ${g.lastSeen}`;
}
