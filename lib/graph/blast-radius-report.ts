import type { EndpointName, Evaluator, Inventory, PolicyLayer } from '../model';
import type { ObservedEdge } from '../traffic/model';
import { computeBlastRadius, computeExposure, rankRiskiestWorkloads, toAdjacency, type BlastRadius, type ReachEdge, type RiskEntry } from './blast-radius';
import { computeObservedReachEdges, computePotentialReachEdges, diffReach, workloadNames } from './reach-edges';
import { classifySensitivity, crownJewelSet, type SensitivityFinding, type SensitivityRules } from './sensitivity';

export interface BlastRadiusInput {
  inventory: Inventory;
  evaluator: Evaluator & { layers: PolicyLayer[] };
  edges: readonly ObservedEdge[];
  /** User-tagged crown jewels (`ns/name`, or `ns/*` for a namespace). */
  crownJewelTags?: readonly EndpointName[];
  sensitivityRules?: SensitivityRules;
}

export interface BlastRadiusQuery {
  direction: 'blast' | 'exposure';
  /** Compromised workloads (blast) or targets (exposure). */
  start: EndpointName[];
  maxHops?: number;
  observedOnly?: boolean;
}

export interface BlastRadiusReport {
  direction: 'blast' | 'exposure';
  start: EndpointName[];
  /** Potential reach (policy), or actual reach with `observedOnly`. */
  reached: BlastRadius['reached'];
  /** The same search over observed, not blocked, traffic only. */
  observedReached: BlastRadius['reached'];
  /** Grants on the attacker's way that no observed traffic uses: the cheapest reach to remove. */
  grantedButUnused: ReachEdge[];
  workloads: number;
  sensitivity: SensitivityFinding[];
}

export class UnknownWorkloadError extends Error {}

/** Prepared once per snapshot, then asked many questions (the API caches nothing else). */
export function prepareBlastRadius(input: BlastRadiusInput) {
  const workloads = workloadNames(input.inventory);
  const known = new Set(workloads);
  const sensitivity = classifySensitivity(input.inventory, input.crownJewelTags ?? [], input.sensitivityRules);
  const crownJewels = crownJewelSet(sensitivity);
  const observed = computeObservedReachEdges(input.edges, known);
  let potential: ReachEdge[] | null = null;
  const potentialEdges = () => (potential ??= computePotentialReachEdges(input.inventory, input.evaluator));

  function query(q: BlastRadiusQuery): BlastRadiusReport {
    for (const name of q.start) if (!known.has(name)) throw new UnknownWorkloadError(`unknown workload "${name}" (expected <namespace>/<workload>, e.g. ${workloads[0] ?? 'ns/name'})`);
    const options = { ...(q.maxHops ? { maxHops: q.maxHops } : {}), crownJewels };
    const search = (edges: readonly ReachEdge[]) =>
      q.direction === 'blast' ? computeBlastRadius(toAdjacency(edges), q.start, options) : computeExposure(toAdjacency(edges, 'reverse'), q.start, options);
    const actual = search(observed);
    const main = q.observedOnly ? actual : search(potentialEdges());
    // Only the unused grants the attacker could walk: those leaving (or, for exposure, entering) the reached set.
    const inReach = new Set([...q.start, ...main.reached.map((r) => r.workload)]);
    const walkable = (e: ReachEdge) => (q.direction === 'blast' ? inReach.has(e.source) : inReach.has(e.destination));
    const grantedButUnused = q.observedOnly ? [] : diffReach(potentialEdges(), observed).filter(walkable);
    return { direction: q.direction, start: q.start, reached: main.reached, observedReached: actual.reached, grantedButUnused, workloads: workloads.length, sensitivity };
  }

  function riskiest(limit = 10, observedOnly = false): RiskEntry[] {
    return rankRiskiestWorkloads(toAdjacency(observedOnly ? observed : potentialEdges()), workloads, { crownJewels, limit });
  }

  return { workloads, query, riskiest, sensitivity };
}
