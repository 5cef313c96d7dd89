import type { ContainerPort, Labels, Pod, Protocol } from '../../model/kubernetes';
import type { HttpRequest } from '../../model/verdict';
import { cidrContains } from '../model/cidr';
import type { EndpointFacts } from '../model/endpoint';
import { matchPeer } from '../model/peer';
import { matchPortRules } from '../model/ports';
import { matchSelector } from '../model/selector';
import { evaluateSelector, mentionsGlobal } from '../selector-expr';
import { namespaceSelectorLabels, podLabels, serviceAccountLabels } from './labels';
import type { CalicoPolicy, CalicoPort, CalicoRule, EntityMatch, NetworkSet } from './types';

/** Everything rule matching needs to know about one end of the connection. */
export interface CalicoEndpoint {
  /** A pod with a workload endpoint (host-network pods have none). */
  pod: Pod | null;
  labels: Labels;
  namespaceLabels: Labels;
  ips: string[];
  ports: readonly ContainerPort[] | null;
  /** For Kubernetes NetworkPolicy peers. */
  facts: EndpointFacts;
}

export interface MatchContext {
  networkSets: NetworkSet[];
  namespaceLabels(ns: string): Labels;
  services: { namespace: string; name: string; selector: Labels | null }[];
}

export type Tri = 'yes' | 'no' | 'unknown';

function portMatches(ports: CalicoPort[], port: number, protocol: Protocol, endpointPorts: readonly ContainerPort[] | null): boolean {
  return ports.some((p) => (p.kind === 'range' ? port >= p.min && port <= p.max : !!endpointPorts?.some((cp) => cp.name === p.name && cp.port === port && cp.protocol === protocol)));
}

/**
 * Whether an endpoint is among those a rule's selector fields pick. For a namespaced policy a selector without
 * `namespaceSelector` only sees the policy's namespace; a GlobalNetworkPolicy's sees all namespaces; a
 * `namespaceSelector` of `global()` sees non-namespaced resources only (GlobalNetworkSets). An address that is not a
 * pod is matched through the NetworkSets / GlobalNetworkSets that contain it.
 */
function selectedBy(e: EntityMatch, ep: CalicoEndpoint, policyNamespace: string | undefined, ctx: MatchContext): boolean {
  const nsSel = e.namespaceSelector;
  const globalOnly = nsSel !== undefined && mentionsGlobal(nsSel);
  const inScope = (ns: string | undefined) => {
    if (ns === undefined) return policyNamespace === undefined ? nsSel === undefined || globalOnly : globalOnly;
    if (globalOnly) return false;
    if (nsSel) return evaluateSelector(nsSel, namespaceSelectorLabels(ns, ctx.namespaceLabels(ns)));
    return policyNamespace === undefined || ns === policyNamespace;
  };
  if (ep.pod) {
    if (!inScope(ep.pod.namespace)) return false;
    if (e.selector && !evaluateSelector(e.selector, ep.labels)) return false;
    if (e.serviceAccounts) {
      const sa = ep.pod.serviceAccount || 'default';
      if (e.serviceAccounts.names.length > 0 && !e.serviceAccounts.names.includes(sa)) return false;
      if (e.serviceAccounts.selector && !evaluateSelector(e.serviceAccounts.selector, serviceAccountLabels(sa))) return false;
    }
    return true;
  }
  if (e.serviceAccounts) return false;
  return ctx.networkSets.some((s) => inScope(s.namespace) && s.nets.some((n) => ep.ips.some((ip) => cidrContains(n, ip))) && (!e.selector || evaluateSelector(e.selector, s.labels)));
}

function matchEntity(e: EntityMatch, ep: CalicoEndpoint, side: 'source' | 'destination', port: number, protocol: Protocol, policyNamespace: string | undefined, ctx: MatchContext): Tri {
  if (e.nets.length > 0 && !e.nets.some((n) => ep.ips.some((ip) => cidrContains(n, ip)))) return 'no';
  if (e.notNets.some((n) => ep.ips.some((ip) => cidrContains(n, ip)))) return 'no';
  if ((e.selector || e.namespaceSelector || e.serviceAccounts) && !selectedBy(e, ep, policyNamespace, ctx)) return 'no';
  if (e.notSelector && selectedBy({ ...e, selector: e.notSelector, serviceAccounts: undefined }, ep, policyNamespace, ctx)) return 'no';
  if (e.services) {
    const ns = e.services.namespace ?? policyNamespace;
    const svc = ctx.services.find((s) => s.namespace === ns && s.name === e.services!.name);
    const sel = svc?.selector;
    if (!ep.pod || !sel || ep.pod.namespace !== ns || !Object.entries(sel).every(([k, v]) => ep.pod!.labels[k] === v)) return 'no';
  }
  let unknown = false;
  for (const [ports, negate] of [[e.ports, false], [e.notPorts, true]] as const) {
    if (ports.length === 0) continue;
    // The source port of a connection is ephemeral: the query does not say which one.
    if (side === 'source') {
      unknown = true;
      continue;
    }
    if (portMatches(ports, port, protocol, ep.ports) === negate) return 'no';
  }
  return unknown ? 'unknown' : 'yes';
}

function matchHttp(rule: CalicoRule, req: HttpRequest | undefined): Tri {
  const h = rule.http;
  if (!h || (h.methods.length === 0 && h.paths.length === 0)) return 'yes';
  if (!req) return 'unknown';
  if (h.methods.length > 0) {
    if (req.method === undefined) return 'unknown';
    if (!h.methods.includes(req.method)) return 'no';
  }
  if (h.paths.length > 0) {
    if (req.path === undefined) return 'unknown';
    if (!h.paths.some((p) => ('exact' in p ? req.path === p.exact : req.path!.startsWith(p.prefix)))) return 'no';
  }
  return 'yes';
}

const and = (...xs: Tri[]): Tri => (xs.includes('no') ? 'no' : xs.includes('unknown') ? 'unknown' : 'yes');

export interface ConnectionView {
  source: CalicoEndpoint;
  destination: CalicoEndpoint;
  port: number;
  protocol: Protocol;
  request?: HttpRequest;
}

/**
 * For a converted Kubernetes rule: the path of the peer that matches (the rule's own path for a rule without peers),
 * or null. NetworkPolicy peer and port semantics; an ipBlock matches pod IPs too, as Calico's `nets` do
 * (https://github.com/projectcalico/calico/issues/6634).
 */
export function matchedUpstreamPeer(rule: CalicoRule, dir: 'ingress' | 'egress', c: ConnectionView): string | null {
  const u = rule.upstream;
  if (!u || !matchPortRules(u.ports, c.port, c.protocol, c.destination.ports)) return null;
  if (u.peers === null) return rule.path;
  const peer = dir === 'ingress' ? c.source : c.destination;
  return u.peers.find((p) => matchPeer(p.peer, peer.facts))?.path ?? null;
}

/** Whether one rule matches the connection; `unknown` when it depends on what the query leaves open (L7, source port). */
export function matchRule(rule: CalicoRule, policy: CalicoPolicy, dir: 'ingress' | 'egress', c: ConnectionView, ctx: MatchContext): Tri {
  if (rule.upstream) return matchedUpstreamPeer(rule, dir, c) !== null ? 'yes' : 'no';
  if (rule.protocol !== undefined && rule.protocol !== c.protocol) return 'no';
  if (rule.notProtocol !== undefined && rule.notProtocol === c.protocol) return 'no';
  return and(
    matchEntity(rule.source, c.source, 'source', c.port, c.protocol, policy.namespace, ctx),
    matchEntity(rule.destination, c.destination, 'destination', c.port, c.protocol, policy.namespace, ctx),
    matchHttp(rule, c.request),
  );
}

/** Whether a policy applies to an endpoint (its workload endpoint is selected). */
export function policySelects(p: CalicoPolicy, ep: CalicoEndpoint, ctx: MatchContext): boolean {
  const pod = ep.pod;
  if (!pod) return false;
  if (p.namespace !== undefined && pod.namespace !== p.namespace) return false;
  if (p.upstreamSubject) {
    const { namespaces, pods } = p.upstreamSubject;
    if (namespaces && !matchSelector(namespaces, ctx.namespaceLabels(pod.namespace))) return false;
    return !pods || matchSelector(pods, pod.labels);
  }
  if (!evaluateSelector(p.selector, ep.labels)) return false;
  if (p.namespaceSelector && !evaluateSelector(p.namespaceSelector, namespaceSelectorLabels(pod.namespace, ctx.namespaceLabels(pod.namespace)))) return false;
  if (p.serviceAccountSelector && !evaluateSelector(p.serviceAccountSelector, serviceAccountLabels(pod.serviceAccount || 'default'))) return false;
  return true;
}

export function endpointOf(pod: Pod | null, ips: string[], facts: EndpointFacts, ctx: MatchContext): CalicoEndpoint {
  if (pod && !pod.hostNetwork) {
    const nsLabels = ctx.namespaceLabels(pod.namespace);
    return { pod, labels: podLabels(pod, nsLabels), namespaceLabels: nsLabels, ips: pod.ips, ports: pod.ports, facts };
  }
  return { pod: null, labels: {}, namespaceLabels: {}, ips, ports: pod?.ports ?? null, facts };
}
