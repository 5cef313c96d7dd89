import type { Diagnostic } from '../model/diagnostics';
import type { Labels } from '../model/kubernetes';
import type { DraftContext, Peer } from './context';
import { grantedEdgesText, provenanceLine, shortName } from './context';
import { RuleGrouper, portKey } from './group-rules';
import { isEveryPodsNode } from './own-node';
import type { DraftDocument, DraftObject, Grant } from './types';

/** Every generated object carries this label so a GitOps diff or `kubectl get -l` finds them. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'eastwest' };

type NpPeer = Record<string, unknown>;
type NpPort = { port: number; protocol: string };

export interface GeneratorInput {
  grants: Grant[];
  /** Namespaces with a baseline; empty when drafting single workloads. */
  namespaces: string[];
  subjects: string[];
}

const nsSelector = (ns: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } });

/**
 * The NetworkPolicy peers for an endpoint, seen from a policy in `policyNs`. Cross-namespace workloads need a
 * namespaceSelector in the SAME peer element (AND); a podSelector alone only matches the policy's namespace.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
function toNetpolPeers(peer: Peer, policyNs: string, diagnostics: Diagnostic[]): NpPeer[] | null {
  switch (peer.kind) {
    case 'workload':
      return [peer.namespace === policyNs ? { podSelector: { matchLabels: peer.labels } } : { namespaceSelector: nsSelector(peer.namespace), podSelector: { matchLabels: peer.labels } }];
    case 'addresses':
      // ipBlock is meant for addresses outside the cluster's pods; node and API-server addresses are such.
      return peer.cidrs.map((cidr) => ({ ipBlock: { cidr } }));
    case 'world':
      diagnostics.push({ severity: 'warning', code: 'world-peer', message: 'traffic with "world" (unknown external addresses) is granted as ipBlock 0.0.0.0/0 and ::/0; narrow it by hand if you know the addresses' });
      return [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
    case 'fqdn':
      diagnostics.push({ severity: 'warning', code: 'fqdn-unsupported', message: `NetworkPolicy cannot name ${peer.name} (DNS names); use the Cilium output (toFQDNs) or grant its addresses by hand` });
      return null;
  }
}

function policy(name: string, ns: string, podSelector: Labels | Record<string, never>, spec: Record<string, unknown>): DraftObject {
  const selector = Object.keys(podSelector).length === 0 ? {} : { matchLabels: podSelector };
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns, labels: MANAGED_BY }, spec: { podSelector: selector, ...spec } };
}

/** kube-dns on UDP and TCP 53 (TCP for truncated answers and large records). */
function dnsRule(ctx: DraftContext): Record<string, unknown> {
  return {
    to: [{ namespaceSelector: nsSelector(ctx.dns.namespace), podSelector: { matchLabels: ctx.dns.labels } }],
    ports: [
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ],
  };
}

/**
 * Kubernetes NetworkPolicies: per namespace a default-deny for both directions and a DNS egress allowance;
 * per workload an ingress policy from exactly its observed callers on the observed pod ports, and an egress
 * policy to exactly its observed callees. A connection needs both (egress at the source, ingress at the
 * destination) once both ends are isolated. Traffic with the node every pod of the workload runs on (the kubelet's
 * probes) gets no rule: NetworkPolicy always allows it.
 */
export function draftNetworkPolicies(ctx: DraftContext, input: GeneratorInput): DraftDocument[] {
  const docs: DraftDocument[] = [];
  for (const ns of input.namespaces) {
    docs.push({
      family: 'networkpolicy',
      object: policy('eastwest-default-deny', ns, {}, { policyTypes: ['Ingress', 'Egress'] }),
      comment: [`Default deny: every pod of ${ns} is isolated for ingress and egress; only the eastwest-* allowances below apply.`],
      notes: [],
    });
    docs.push({
      family: 'networkpolicy',
      object: policy('eastwest-allow-dns', ns, {}, { policyTypes: ['Egress'], egress: [dnsRule(ctx)] }),
      comment: [`DNS: every pod of ${ns} may query kube-dns (${ctx.dns.namespace}) on 53/UDP and 53/TCP.`],
      notes: [],
    });
  }
  const perWorkload = input.namespaces.length === 0;
  for (const subject of input.subjects) {
    const self = ctx.peer(subject);
    if (!self || self.kind !== 'workload') continue;
    for (const direction of ['ingress', 'egress'] as const) {
      const grants = input.grants.filter((g) => (direction === 'ingress' ? g.destination === subject : g.source === subject && !ctx.isDnsGrant(g)));
      const grouper = new RuleGrouper<NpPeer, NpPort>();
      for (const g of grants) {
        const other = ctx.peer(direction === 'ingress' ? g.source : g.destination);
        if (other && isEveryPodsNode(ctx.inventory, subject, other)) {
          // Like the Istio draft leaves out the probes its sidecars never authorize: the built-in rule allows it already.
          ctx.diagnostics.push({ severity: 'info', code: 'own-node-exempt', message: `${provenanceLine(g)}: ${other.name} is the node every pod of ${subject} runs on, and NetworkPolicy always allows traffic to and from a pod's own node (Kubernetes/own-node); no rule drafted` });
          continue;
        }
        const peers = other && toNetpolPeers(other, self.namespace, ctx.diagnostics);
        if (!peers) continue;
        grouper.add(other.name, peers, portKey(g.protocol, g.port), { port: g.port, protocol: g.protocol }, g);
      }
      const merged = grouper.rules();
      if (merged.length === 0 && !perWorkload) continue;
      const peerField = direction === 'ingress' ? 'from' : 'to';
      const rules: Record<string, unknown>[] = merged.map((r) => ({ [peerField]: r.peers, ports: r.targets }));
      const notes = merged.map((r, i) => ({ path: ['spec', direction, i], comment: r.grants.map(provenanceLine) }));
      if (perWorkload && direction === 'egress') {
        rules.push(dnsRule(ctx));
        notes.push({ path: ['spec', direction, rules.length - 1], comment: ['DNS to kube-dns'] });
      }
      const type = direction === 'ingress' ? 'Ingress' : 'Egress';
      docs.push({
        family: 'networkpolicy',
        object: policy(`eastwest-${shortName(subject)}-${direction}`, self.namespace, self.labels, { policyTypes: [type], ...(rules.length > 0 ? { [direction]: rules } : {}) }),
        comment: [
          `${direction === 'ingress' ? 'Ingress to' : 'Egress from'} ${subject}: ${grantedEdgesText(merged.reduce((n, r) => n + r.grants.length, 0))}${rules.length === 0 ? ' (none observed: all denied)' : ''}.`,
        ],
        notes,
      });
    }
  }
  return docs;
}
