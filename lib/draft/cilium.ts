import type { DraftContext, Peer } from './context';
import { grantedEdgesText, provenanceLine, shortName } from './context';
import { cmp, portKey, RuleGrouper } from './group-rules';
import { workloadNodes } from './own-node';
import { MANAGED_BY, type GeneratorInput } from './networkpolicy';
import { toCiliumPathRegex } from './path-template';
import type { DraftDocument, DraftObject, Grant } from './types';

type Direction = 'ingress' | 'egress';
/** A peer as one Cilium rule field: `fromEndpoints`/`toEndpoints`, `fromCIDR`/`toCIDR`, `fromEntities`/`toEntities`, `toFQDNs`. */
type CiliumPeer = { field: 'Endpoints' | 'CIDR' | 'Entities' | 'FQDNs'; value: unknown };
type PortRule = { ports: { port: string; protocol: string }[]; rules?: { http: { method?: string; path?: string }[] } };

const NAMESPACE_LABEL = 'k8s:io.kubernetes.pod.namespace';

function cnp(name: string, ns: string, spec: Record<string, unknown>): DraftObject {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: ns, labels: MANAGED_BY }, spec };
}

/**
 * Endpoint selectors of a namespaced CiliumNetworkPolicy only match the policy's namespace unless they name
 * another with `k8s:io.kubernetes.pod.namespace`. https://docs.cilium.io/en/stable/security/policy/kubernetes/#namespaces
 */
function toCiliumPeer(peer: Peer, policyNs: string, direction: Direction, pods: { nodes: Set<string>; unplaced: boolean }): CiliumPeer | null {
  switch (peer.kind) {
    case 'workload':
      return { field: 'Endpoints', value: peer.namespace === policyNs ? { matchLabels: peer.labels } : { matchLabels: { ...peer.labels, [NAMESPACE_LABEL]: peer.namespace } } };
    case 'addresses':
      if (peer.entity === 'kube-apiserver') return { field: 'Entities', value: 'kube-apiserver' };
      if (peer.entity === 'node') {
        // Cilium gives nodes reserved identities, not CIDR ones: `host` is the pod's own node, `remote-node` any
        // other. Replicas on several nodes see the same node as `host` from one and `remote-node` from another.
        // Ingress from `host` needs no rule: allow-localhost admits it (lib/policy/cilium/allow-localhost.ts).
        const name = peer.name.slice('node:'.length);
        const local = pods.nodes.has(name);
        const elsewhere = pods.unplaced || pods.nodes.size > (local ? 1 : 0);
        const entities = [...(local && direction === 'egress' ? ['host'] : []), ...(elsewhere ? ['remote-node'] : [])];
        return entities.length > 0 ? { field: 'Entities', value: entities } : null;
      }
      return { field: 'CIDR', value: peer.cidrs };
    case 'world':
      return { field: 'Entities', value: 'world' };
    case 'fqdn':
      return direction === 'egress' ? { field: 'FQDNs', value: { matchName: peer.fqdn } } : null;
  }
}

/** The toPorts entries of one grant: plain L4, or L7 HTTP rules (method and path regex) where requests were observed. */
function portRulesOf(g: Grant): { key: string; rule: PortRule }[] {
  const port = { port: String(g.port), protocol: g.protocol };
  if (!g.operations || g.protocol !== 'TCP') return [{ key: portKey(g.protocol, g.port), rule: { ports: [port] } }];
  const http = g.operations
    .map((op) => ({ ...(op.method ? { method: op.method } : {}), ...(op.pathTemplate ? { path: toCiliumPathRegex(op.pathTemplate) } : {}) }))
    .sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b)));
  return [{ key: `${portKey(g.protocol, g.port)}#${JSON.stringify(http)}`, rule: { ports: [port], rules: { http } } }];
}

/** Merges the plain-L4 port rules of one Cilium rule into one `toPorts` entry (L7 entries stay separate: their HTTP rules apply to their own ports only). */
function mergeToPorts(rules: PortRule[]): PortRule[] {
  const l4 = rules.filter((r) => !r.rules).flatMap((r) => r.ports);
  const l7 = rules.filter((r) => r.rules);
  return [...(l4.length > 0 ? [{ ports: l4 }] : []), ...l7];
}

/**
 * CiliumNetworkPolicies: per namespace a default deny (an empty `ingress: [{}]` / `egress: [{}]` rule selects
 * no peer but puts the endpoints in default-deny for that direction) and DNS egress to kube-dns; per workload
 * ingress and egress policies with L7 HTTP rules where requests were observed.
 * https://docs.cilium.io/en/stable/security/policy/language/
 */
export function draftCilium(ctx: DraftContext, input: GeneratorInput): DraftDocument[] {
  const docs: DraftDocument[] = [];
  const dnsEgress = {
    toEndpoints: [{ matchLabels: { ...ctx.dns.labels, [NAMESPACE_LABEL]: ctx.dns.namespace } }],
    toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }] }],
  };
  // toFQDNs only works when DNS answers pass Cilium's DNS proxy, which a `dns` L7 rule turns on.
  // https://docs.cilium.io/en/stable/security/policy/language/#dns-based
  const fqdnNamespaces = new Set(input.grants.filter((g) => g.destination.startsWith('dns:')).map((g) => g.source.split('/')[0]));
  const dnsEgressFor = (ns: string) =>
    fqdnNamespaces.has(ns) ? { ...dnsEgress, toPorts: dnsEgress.toPorts.map((p) => ({ ...p, rules: { dns: [{ matchPattern: '*' }] } })) } : dnsEgress;
  for (const ns of input.namespaces) {
    docs.push({ family: 'cilium', object: cnp('eastwest-default-deny', ns, { endpointSelector: {}, ingress: [{}], egress: [{}] }), comment: [`Default deny for every endpoint of ${ns}, both directions.`], notes: [] });
    docs.push({ family: 'cilium', object: cnp('eastwest-allow-dns', ns, { endpointSelector: {}, egress: [dnsEgressFor(ns)] }), comment: [`DNS: every endpoint of ${ns} may query kube-dns on 53/UDP and 53/TCP.`], notes: [] });
  }
  const perWorkload = input.namespaces.length === 0;
  for (const subject of input.subjects) {
    const self = ctx.peer(subject);
    if (!self || self.kind !== 'workload') continue;
    const placement = workloadNodes(ctx.inventory, subject);
    for (const direction of ['ingress', 'egress'] as const) {
      const grants = input.grants.filter((g) => (direction === 'ingress' ? g.destination === subject : g.source === subject && !ctx.isDnsGrant(g)));
      const grouper = new RuleGrouper<CiliumPeer, PortRule>();
      for (const g of grants) {
        const other = ctx.peer(direction === 'ingress' ? g.source : g.destination);
        const peer = other && toCiliumPeer(other, self.namespace, direction, placement);
        if (other && !peer && other.kind === 'addresses' && other.entity === 'node')
          ctx.diagnostics.push({ severity: 'info', code: 'cilium-allow-localhost', message: `${provenanceLine(g)}: ${other.name} is the node every pod of ${subject} runs on, and Cilium lets the local host reach its endpoints (allow-localhost); no rule drafted` });
        if (!other || !peer) continue;
        // Group by peer field too: one Cilium rule holds one kind of peer.
        for (const { key, rule } of portRulesOf(g)) grouper.add(`${peer.field}|${other.name}`, [peer], key, rule, g);
      }
      const merged = grouper.rules();
      // Split each merged rule per peer field (fromEndpoints and fromCIDR in one rule would be easy to misread).
      const split = merged.flatMap((r) =>
        [...new Set(r.peers.map((p) => p.field))].sort(cmp).map((field) => ({ field, peers: r.peers.filter((p) => p.field === field), targets: r.targets, grants: r.grants })),
      );
      if (split.length === 0 && !perWorkload) continue;
      const prefix = direction === 'ingress' ? 'from' : 'to';
      const rules: Record<string, unknown>[] = split.map((r) => {
        // CIDR and entity lists are flattened and deduplicated; selectors stay one per peer.
        const flat = r.field === 'CIDR' || r.field === 'Entities';
        const values = flat ? [...new Set(r.peers.flatMap((p) => (Array.isArray(p.value) ? (p.value as string[]) : [p.value as string])))].sort(cmp) : r.peers.map((p) => p.value);
        return { [`${prefix}${r.field}`]: values, toPorts: mergeToPorts(r.targets) };
      });
      const notes = split.map((r, i) => ({ path: ['spec', direction, i], comment: r.grants.map(provenanceLine) }));
      if (perWorkload && direction === 'egress') rules.push(dnsEgressFor(self.namespace));
      // An empty rule list would not isolate the endpoint; `[{}]` does (see the default deny above).
      docs.push({
        family: 'cilium',
        object: cnp(`eastwest-${shortName(subject)}-${direction}`, self.namespace, { endpointSelector: { matchLabels: self.labels }, [direction]: rules.length > 0 ? rules : [{}] }),
        comment: [`${direction === 'ingress' ? 'Ingress to' : 'Egress from'} ${subject}: ${grantedEdgesText(split.reduce((n, r) => n + r.grants.length, 0))}.`],
        notes,
      });
    }
  }
  return docs;
}
