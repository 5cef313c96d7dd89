import type { EndpointName, Evaluator, Inventory, PolicyLayer } from '../model';
import type { ObservedEdge } from '../traffic/model';
import { computeBlastRadius, computeExposure, rankRiskiestWorkloads, toAdjacency, type ReachEdge, type ReachedWorkload, type RiskEntry } from './blast-radius';
import { infraWorkloads } from './infra';
import { computeObservedReachEdges, computePotentialReachEdges, diffReach, workloadNames } from './reach-edges';
import { classifySnapshotSensitivity, crownJewelSet, type SensitivityFinding, type SensitivityRules } from './sensitivity';

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
  /** Walk on from shared infrastructure (DNS, mesh control plane, API server) too; default false (blast-radius.ts). */
  pivotThroughInfra?: boolean;
}

/**
 * A reached workload; `suggested` when it counts as a crown jewel only because of the paths it was seen serving;
 * `sensitivity` when the snapshot's sensitivity lists it (the same level and categories as Findings).
 */
export interface ReportedWorkload extends ReachedWorkload {
  suggested?: true;
  sensitivity?: Pick<SensitivityFinding, 'level' | 'categories'>;
}

export interface RiskiestOptions {
  limit?: number;
  observedOnly?: boolean;
  pivotThroughInfra?: boolean;
}

export interface BlastRadiusReport {
  direction: 'blast' | 'exposure';
  start: EndpointName[];
  /** Potential reach (policy), or actual reach with `observedOnly`. */
  reached: ReportedWorkload[];
  /** The same search over observed, not blocked, traffic only. */
  observedReached: ReportedWorkload[];
  /** Grants on the attacker's way that no observed traffic uses: the cheapest reach to remove. */
  grantedButUnused: ReachEdge[];
  workloads: number;
  /** Whether the search walked on from shared infrastructure (the query's `pivotThroughInfra`). */
  pivotThroughInfra: boolean;
  sensitivity: SensitivityFinding[];
}

export class UnknownWorkloadError extends Error {}

/** Prepared once per snapshot, then asked many questions (the API caches nothing else). */
export function prepareBlastRadius(input: BlastRadiusInput) {
  const workloads = workloadNames(input.inventory);
  const known = new Set(workloads);
  const infra = infraWorkloads(workloads);
  const sensitivity = classifySnapshotSensitivity({ inventory: input.inventory, edges: input.edges, ...(input.crownJewelTags ? { crownJewelTags: input.crownJewelTags } : {}), ...(input.sensitivityRules ? { rules: input.sensitivityRules } : {}) });
  const sensitivityOf = new Map(sensitivity.map((f) => [f.workload, { level: f.level, categories: f.categories }]));
  const { crownJewels, suggested } = blastCrownJewels(sensitivity);
  const mark = (reached: readonly ReachedWorkload[]): ReportedWorkload[] =>
    reached.map((r) => {
      const s = sensitivityOf.get(r.workload);
      return { ...r, ...(r.crownJewel && suggested.has(r.workload) ? { suggested: true as const } : {}), ...(s ? { sensitivity: s } : {}) };
    });
  const observed = computeObservedReachEdges(input.edges, known);
  let potential: ReachEdge[] | null = null;
  const potentialEdges = () => (potential ??= computePotentialReachEdges(input.inventory, input.evaluator));

  function query(q: BlastRadiusQuery): BlastRadiusReport {
    for (const name of q.start) if (!known.has(name)) throw new UnknownWorkloadError(`unknown workload "${name}" (expected <namespace>/<workload>, e.g. ${workloads[0] ?? 'ns/name'})`);
    const options = { ...(q.maxHops ? { maxHops: q.maxHops } : {}), crownJewels, infra, pivotThroughInfra: q.pivotThroughInfra === true };
    const search = (edges: readonly ReachEdge[]) =>
      q.direction === 'blast' ? computeBlastRadius(toAdjacency(edges), q.start, options) : computeExposure(toAdjacency(edges, 'reverse'), q.start, options);
    const actual = search(observed);
    const main = q.observedOnly ? actual : search(potentialEdges());
    // Only the unused grants the attacker could walk: those leaving (or, for exposure, entering) the reached set,
    // not those of infrastructure the search stopped at.
    const inReach = new Set([...q.start, ...main.reached.filter((r) => !r.notTraversed).map((r) => r.workload)]);
    const walkable = (e: ReachEdge) => (q.direction === 'blast' ? inReach.has(e.source) : inReach.has(e.destination));
    const grantedButUnused = q.observedOnly ? [] : diffReach(potentialEdges(), observed).filter(walkable);
    return { direction: q.direction, start: q.start, reached: mark(main.reached), observedReached: mark(actual.reached), grantedButUnused, workloads: workloads.length, pivotThroughInfra: options.pivotThroughInfra, sensitivity };
  }

  /** The ranked list, with the same infrastructure rule as `query` (by default not walked on from). */
  function riskiest({ limit = 10, observedOnly = false, pivotThroughInfra = false }: RiskiestOptions = {}): RiskEntry[] {
    return rankRiskiestWorkloads(toAdjacency(observedOnly ? observed : potentialEdges()), workloads, { crownJewels, limit, infra, pivotThroughInfra });
  }

  return { workloads, query, riskiest, sensitivity, crownJewels, suggestedCrownJewels: suggested };
}

/**
 * The crown jewels blast radius counts: confirmed ones (tagged, or matching a label rule) and, as suggestions,
 * services seen answering sensitive paths (issue 12: observed paths feed blast radius). A service that serves
 * `/admin` or payment calls is evidence of what it holds. Data-store ports and names, and a service's own name,
 * only mark it sensitive (`ReportedWorkload.sensitivity`) until the user tags it: a Redis may well be a
 * disposable cache, and `paymentservice` may only forward to the bank.
 */
export function blastCrownJewels(findings: readonly SensitivityFinding[]): { crownJewels: Set<EndpointName>; suggested: Set<EndpointName> } {
  const crownJewels = crownJewelSet(findings);
  const suggested = new Set<EndpointName>();
  for (const f of findings) {
    if (f.level === 'crown-jewel' || !f.reasons.some((r) => r.kind === 'path')) continue;
    crownJewels.add(f.workload);
    suggested.add(f.workload);
  }
  return { crownJewels, suggested };
}
