import type { Basis, LayerDecision, LayerName, Outcome, RuleRef, Verdict } from '../../model/verdict';
import { combineDecisions } from '../../policy';
import type { ObservedEdge } from '../../traffic/model';
import type { EdgeEvaluation } from '../evaluate-edge';
import type { ClassifiedEdge, GraphNode } from '../model';

/** Small typed builders for graph tests (hubble-ui `testing/data` style): defaults plus the fields a case is about. */

export function observedEdge(over: Partial<ObservedEdge> & Pick<ObservedEdge, 'source' | 'destination'>): ObservedEdge {
  return { port: 8080, protocol: 'TCP', count: 1, countUnit: 'requests', firstSeen: '2026-03-12T09:30:00Z', lastSeen: '2026-03-12T09:40:00Z', verdicts: { forwarded: over.count ?? 1 }, observedBy: ['hubble'], ...over };
}

export const netpolRule = (name: string, path: string, wildcard = false): RuleRef => ({ kind: 'NetworkPolicy', namespace: 'shop', name, path, ...(wildcard ? { wildcard: true } : {}) });

export function layer(name: LayerName, outcome: Outcome, basis: Basis, rules: RuleRef[] = []): LayerDecision {
  return { layer: name, outcome, basis, directions: [], rules, reason: `${outcome} (${basis})` };
}

export const verdict = (...layers: LayerDecision[]): Verdict => combineDecisions(layers);

export function evaluation(v: Verdict | null, over: Partial<EdgeEvaluation> = {}): EdgeEvaluation {
  return { verdict: v, podPairs: { evaluated: 1, total: 1, disagree: false, details: [] }, notes: [], ...over };
}

export function graphNode(id: string, over: Partial<GraphNode> = {}): GraphNode {
  const [namespace, name] = id.includes('/') ? (id.split('/') as [string, string]) : [undefined, id];
  return { id, kind: 'workload', name, ...(namespace ? { namespace } : {}), labels: {}, pods: 1, unprotected: { ingress: false, egress: false }, badges: [], ...over };
}

export function classifiedEdge(source: string, destination: string, over: Partial<ClassifiedEdge> = {}): ClassifiedEdge {
  const port = over.port ?? 8080;
  const protocol = over.protocol ?? 'TCP';
  return {
    id: `${source}|${destination}|${port}|${protocol}`,
    source,
    destination,
    port,
    protocol,
    class: 'allowed',
    state: null,
    observed: { count: 1, countUnit: 'connections', firstSeen: '2026-03-12T09:30:00Z', lastSeen: '2026-03-12T09:40:00Z', verdicts: { forwarded: 1 } },
    summary: '',
    explanation: { summary: '', verdict: '', layers: [], podPairs: { evaluated: 1, total: 1, disagree: false, details: [] }, notes: [] },
    operations: [],
    rules: [],
    observedBy: ['hubble'],
    infra: null,
    ...over,
  };
}
