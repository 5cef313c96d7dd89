import type { EndpointName } from '../model/identity';
import type { Pod, Protocol } from '../model/kubernetes';
import type { Connection, Endpoint, Evaluator, HttpRequest, Verdict } from '../model/verdict';
import type { EndpointIndex } from './endpoint-index';
import type { EdgeOperation, PodPairEvaluation } from './model';

/** Pods per side evaluated for one edge; replicas of one workload almost always share labels and identity. */
export const MAX_PODS_PER_SIDE = 4;

export interface EdgeEvaluation {
  /** The most restrictive verdict over the evaluated pod pairs (the edge is only as allowed as its worst pair); `null` = not evaluable. */
  verdict: Verdict | null;
  podPairs: PodPairEvaluation;
  /** Set when the L4 verdict is conditional on L7 and operations were seen: the verdict per operation. */
  operations?: { operation: EdgeOperation; verdict: Verdict }[];
  notes: string[];
}

const endpointLabel = (e: Endpoint): string => (e.kind === 'pod' ? `${e.pod.namespace}/${e.pod.name}` : e.ip);

/** The destination container port name: NetworkPolicy and Cilium rules may name ports instead of numbering them. */
function portNameAt(destination: Endpoint, port: number, protocol: Protocol): string | undefined {
  if (destination.kind !== 'pod') return undefined;
  return destination.pod.ports.find((p) => p.port === port && p.protocol === protocol)?.name;
}

export function toConnection(source: Endpoint, destination: Endpoint, port: number, protocol: Protocol, request?: HttpRequest): Connection {
  const portName = portNameAt(destination, port, protocol);
  return { source, destination, port, protocol, ...(portName ? { portName } : {}), ...(request ? { request } : {}) };
}

/** Endpoints of a name, memoised per pod so the hot path does not rebuild them for every edge. */
const podEndpoints = new WeakMap<Pod, Endpoint>();
function endpointsOf(index: EndpointIndex, name: EndpointName): Endpoint[] {
  const pods = index.podsByWorkload.get(name);
  if (!pods) return index.endpointsOf(name);
  return pods.map((pod) => {
    let e = podEndpoints.get(pod);
    if (!e) podEndpoints.set(pod, (e = { kind: 'pod', pod }));
    return e;
  });
}

/**
 * Rank of a verdict from most to least restrictive: denied, conditional, allowed by default somewhere,
 * explicitly allowed everywhere. The worst pair represents the edge.
 */
export function verdictRank(v: Verdict): number {
  if (v.verdict === 'denied') return 0;
  if (v.verdict === 'conditional') return 1;
  if (v.layers.length === 0 || v.layers.some((l) => l.basis !== 'explicit')) return 2;
  return 3;
}

/** Two verdicts agree when every layer reached the same outcome on the same basis. */
const verdictKey = (v: Verdict): string => `${v.verdict}:${v.layers.map((l) => `${l.layer}=${l.outcome}/${l.basis}`).join(',')}`;

/**
 * Pass 2: evaluates an observed edge on the pods of both workloads (up to MAX_PODS_PER_SIDE each) and says when
 * replicas disagree (different labels, service accounts or nodes can make one replica allowed and another denied).
 */
export function evaluateEdge(
  evaluator: Evaluator,
  index: EndpointIndex,
  edge: { source: EndpointName; destination: EndpointName; port: number; protocol: Protocol; operations?: EdgeOperation[] },
): EdgeEvaluation {
  const sources = endpointsOf(index, edge.source);
  const destinations = endpointsOf(index, edge.destination);
  const notes: string[] = [];
  if (sources.length === 0 || destinations.length === 0) {
    const missing = [sources.length === 0 ? edge.source : null, destinations.length === 0 ? edge.destination : null].filter(Boolean).join(' and ');
    notes.push(`${missing} is not in the inventory: no policy can be evaluated for it`);
    return { verdict: null, podPairs: { evaluated: 0, total: sources.length * destinations.length, disagree: false, details: [] }, notes };
  }
  const srcSample = sources.slice(0, MAX_PODS_PER_SIDE);
  const dstSample = destinations.slice(0, MAX_PODS_PER_SIDE);
  const total = sources.length * destinations.length;
  if (total === 1) {
    // One pod on each side (the common case at scale): nothing to compare.
    const verdict = evaluator.evaluate(toConnection(sources[0]!, destinations[0]!, edge.port, edge.protocol));
    return withOperations({ verdict, podPairs: { evaluated: 1, total: 1, disagree: false, details: [] }, notes }, evaluator, sources[0]!, destinations[0]!, edge);
  }
  let worst: { verdict: Verdict; source: Endpoint; destination: Endpoint } | null = null;
  const distinct = new Map<string, string>();
  for (const s of srcSample) {
    for (const d of dstSample) {
      const verdict = evaluator.evaluate(toConnection(s, d, edge.port, edge.protocol));
      const key = verdictKey(verdict);
      if (!distinct.has(key)) distinct.set(key, `${endpointLabel(s)} -> ${endpointLabel(d)}: ${verdict.summary}`);
      if (!worst || verdictRank(verdict) < verdictRank(worst.verdict)) worst = { verdict, source: s, destination: d };
    }
  }
  const evaluated = srcSample.length * dstSample.length;
  if (evaluated < total) notes.push(`evaluated ${evaluated} of ${total} pod pairs`);
  const podPairs: PodPairEvaluation = { evaluated, total, disagree: distinct.size > 1, details: distinct.size > 1 ? [...distinct.values()] : [] };
  if (podPairs.disagree) notes.push('replicas disagree: the edge is classified by its most restrictive pod pair');
  if (!worst) return { verdict: null, podPairs, notes };
  return withOperations({ verdict: worst.verdict, podPairs, notes }, evaluator, worst.source, worst.destination, edge);
}

/** An L7-conditional answer (Istio paths/methods, Cilium L7 rules) is settled per operation actually seen. */
function withOperations(result: EdgeEvaluation, evaluator: Evaluator, source: Endpoint, destination: Endpoint, edge: { port: number; protocol: Protocol; operations?: EdgeOperation[] }): EdgeEvaluation {
  if (result.verdict?.verdict !== 'conditional' || !edge.operations?.length) return result;
  result.operations = edge.operations.map((operation) => {
    const request: HttpRequest = { ...(operation.method ? { method: operation.method } : {}), ...(operation.path ? { path: operation.path } : {}) };
    return { operation, verdict: evaluator.evaluate(toConnection(source, destination, edge.port, edge.protocol, request)) };
  });
  return result;
}
