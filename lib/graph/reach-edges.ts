import { workloadName, type EndpointName, type Evaluator, type Inventory, type PolicyLayer } from '../model';
import { computeMatrix } from '../policy';
import type { ObservedEdge } from '../traffic/model';
import type { ReachEdge } from './blast-radius';
import { blockedCount } from './classify-edge';

const edgeKey = (e: Pick<ReachEdge, 'source' | 'destination' | 'port' | 'protocol'>) => `${e.source}|${e.destination}|${e.port}|${e.protocol}`;

/**
 * Potential reach: every (source workload, destination workload, pod port) that the policies allow for at least
 * one pod pair, default-allow included — an attacker needs only one pod to get through. Where a layer allows
 * only some requests (an L7 rule), the hop is kept with its conditions as restrictions.
 */
export function computePotentialReachEdges(inventory: Inventory, evaluator: Evaluator & { layers: PolicyLayer[] }): ReachEdge[] {
  const matrix = computeMatrix(inventory, evaluator);
  const edges = new Map<string, ReachEdge>();
  const hasL7Layers = evaluator.layers.some((l) => l.name !== 'network');
  matrix.pods.forEach((sourcePod, s) => {
    const source = workloadName(sourcePod.workload);
    matrix.targets.forEach((target, t) => {
      const destinationPod = matrix.pods[target.pod]!;
      const destination = workloadName(destinationPod.workload);
      if (source === destination) return;
      const key = edgeKey({ source, destination, port: target.port, protocol: target.protocol });
      const known = edges.get(key);
      if (known && !known.restrictions) return;
      if (matrix.isAllowed(s, t)) {
        edges.set(key, { source, destination, port: target.port, protocol: target.protocol });
        return;
      }
      if (!hasL7Layers || known) return;
      // Only a conditional verdict (some requests pass) is worth the cost of a full evaluation here.
      const verdict = evaluator.evaluate({ source: { kind: 'pod', pod: sourcePod }, destination: { kind: 'pod', pod: destinationPod }, port: target.port, protocol: target.protocol });
      if (verdict.verdict !== 'conditional') return;
      const restrictions = verdict.layers.flatMap((l) => l.conditions ?? []);
      edges.set(key, { source, destination, port: target.port, protocol: target.protocol, restrictions: restrictions.length ? restrictions : ['some requests only'] });
    });
  });
  return [...edges.values()];
}

/**
 * Actual reach: observed edges between workloads that were not only blocked attempts. L7 operations seen
 * become the hop's restrictions (what the attacker has seen work).
 */
export function computeObservedReachEdges(edges: readonly ObservedEdge[], workloads: ReadonlySet<EndpointName>): ReachEdge[] {
  const out = new Map<string, ReachEdge>();
  for (const e of edges) {
    if (!workloads.has(e.source) || !workloads.has(e.destination) || e.source === e.destination) continue;
    const { blocked, total } = blockedCount(e.verdicts);
    if (total > 0 && blocked === total) continue;
    const key = edgeKey(e);
    const hop = out.get(key) ?? { source: e.source, destination: e.destination, port: e.port, protocol: e.protocol };
    if (e.method || e.pathTemplate) hop.restrictions = [...(hop.restrictions ?? []), `${e.method ?? '*'} ${e.pathTemplate ?? '*'}`];
    out.set(key, hop);
  }
  return [...out.values()];
}

/** Reach that the policies grant but nobody uses: the cheapest to remove. */
export function diffReach(potential: readonly ReachEdge[], observed: readonly ReachEdge[]): ReachEdge[] {
  const used = new Set(observed.map(edgeKey));
  return potential.filter((e) => !used.has(edgeKey(e)));
}

export function workloadNames(inventory: Inventory): EndpointName[] {
  return [...new Set(inventory.pods.map((p) => workloadName(p.workload)))].sort();
}
