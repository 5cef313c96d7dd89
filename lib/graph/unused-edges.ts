import type { EndpointName } from '../model/identity';
import type { ContainerPort, Protocol } from '../model/kubernetes';
import type { Evaluator, RuleRef, Verdict } from '../model/verdict';
import { ruleRefText } from '../policy/model/rule-ref-text';
import type { PortRules } from '../policy';
import { edgeId } from './collapse-observed';
import type { EndpointIndex } from './endpoint-index';
import { toConnection } from './evaluate-edge';
import type { CatalogRule } from './rule-catalog';

export interface GrantCandidate {
  source: EndpointName;
  destination: EndpointName;
  port: number;
  protocol: Protocol;
}

export interface UnusedGrant extends GrantCandidate {
  id: string;
  verdict: Verdict;
  /** The explicit rules that grant it (all layers). */
  rules: RuleRef[];
}

/**
 * The concrete destination ports a rule's port list grants on one destination workload. NetworkPolicy ports are
 * pod ports; a named port resolves against the destination's container ports, a rule without ports grants every
 * port, which the graph shows as the destination's declared container ports.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports
 */
export function grantedPorts(rules: PortRules, destinationPorts: readonly ContainerPort[]): { port: number; protocol: Protocol }[] {
  if (rules === null) return destinationPorts.map((p) => ({ port: p.port, protocol: p.protocol }));
  const out: { port: number; protocol: Protocol }[] = [];
  for (const r of rules) {
    if (typeof r.port === 'number' && r.endPort === undefined) out.push({ port: r.port, protocol: r.protocol ?? 'TCP' });
    else
      for (const cp of destinationPorts) {
        if (r.protocol !== undefined && r.protocol !== cp.protocol) continue;
        if (r.port === undefined || (typeof r.port === 'string' ? cp.name === r.port : cp.port >= r.port && cp.port <= (r.endPort ?? r.port))) out.push({ port: cp.port, protocol: cp.protocol });
      }
  }
  return out;
}

/** Candidate edges from the catalog's specific allow rules: targets × peers × granted ports, no n² scan. */
export function catalogCandidates(catalog: readonly CatalogRule[], index: EndpointIndex): GrantCandidate[] {
  const out = new Map<string, GrantCandidate>();
  for (const r of catalog) {
    if (r.action !== 'allow' || r.wildcard || r.dangling) continue;
    for (const t of r.targets) {
      for (const p of r.peers) {
        const [source, destination] = r.direction === 'ingress' ? [p, t] : [t, p];
        const dstPod = index.podsByWorkload.get(destination)?.[0];
        if (!dstPod) continue;
        for (const { port, protocol } of grantedPorts(r.ports, dstPod.ports)) {
          const id = edgeId(source, destination, port, protocol);
          if (!out.has(id)) out.set(id, { source, destination, port, protocol });
        }
      }
    }
  }
  return [...out.values()];
}

/**
 * Every workload pair on every declared destination port: the fallback for layers the catalog does not read
 * (Istio, Linkerd, Cilium, Calico), only affordable on small inventories (the caller caps it).
 */
export function pairwiseCandidates(index: EndpointIndex): GrantCandidate[] {
  const out: GrantCandidate[] = [];
  for (const [destination, pods] of index.podsByWorkload) {
    const ports = pods[0]?.ports ?? [];
    for (const source of index.podsByWorkload.keys()) for (const p of ports) out.push({ source, destination, port: p.port, protocol: p.protocol });
  }
  return out;
}

/**
 * Pass: "allowed but unused" edges. A candidate becomes one when it was not observed in the window, the
 * evaluator does not deny it, and some layer grants it with at least one rule that is not a wildcard: a
 * wildcard (`ingress: [{}]`) is reported once as a wildcard rule, never expanded into N edges.
 */
export function findUnusedGrants(
  evaluator: Evaluator,
  index: EndpointIndex,
  candidates: Iterable<GrantCandidate>,
  observedIds: ReadonlySet<string>,
  wildcardRefs: ReadonlySet<string>,
): UnusedGrant[] {
  const out = new Map<string, UnusedGrant>();
  for (const c of candidates) {
    const id = edgeId(c.source, c.destination, c.port, c.protocol);
    if (observedIds.has(id) || out.has(id)) continue;
    const src = index.podsByWorkload.get(c.source)?.[0];
    const dst = index.podsByWorkload.get(c.destination)?.[0];
    if (!src || !dst) continue;
    const verdict = evaluator.evaluate(toConnection({ kind: 'pod', pod: src }, { kind: 'pod', pod: dst }, c.port, c.protocol));
    if (verdict.verdict === 'denied') continue;
    const rules = verdict.layers.filter((l) => l.basis === 'explicit').flatMap((l) => l.rules);
    if (!rules.some((r) => !r.wildcard && !wildcardRefs.has(ruleRefText(r)))) continue;
    out.set(id, { ...c, id, verdict, rules });
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
