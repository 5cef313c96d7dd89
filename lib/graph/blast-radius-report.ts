import type { EndpointName, Evaluator, Inventory, PolicyLayer } from '../model';
import type { ObservedEdge } from '../traffic/model';
import { computeBlastRadius, computeExposure, rankRiskiestWorkloads, toAdjacency, type ReachEdge, type ReachedWorkload, type RiskEntry } from './blast-radius';
import { classifyPathSensitivity, type ObservedPath } from './path-sensitivity';
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

/** A reached workload; `suggested` when it counts as a crown jewel only because of the paths it was seen serving. */
export interface ReportedWorkload extends ReachedWorkload {
  suggested?: true;
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
  sensitivity: SensitivityFinding[];
}

export class UnknownWorkloadError extends Error {}

/** Prepared once per snapshot, then asked many questions (the API caches nothing else). */
export function prepareBlastRadius(input: BlastRadiusInput) {
  const workloads = workloadNames(input.inventory);
  const known = new Set(workloads);
  const sensitivity = classifySensitivity(input.inventory, input.crownJewelTags ?? [], input.sensitivityRules, classifyPathSensitivity(observedPaths(input.edges)));
  const { crownJewels, suggested } = blastCrownJewels(sensitivity);
  const mark = (reached: readonly ReachedWorkload[]): ReportedWorkload[] => reached.map((r) => (r.crownJewel && suggested.has(r.workload) ? { ...r, suggested: true } : r));
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
    return { direction: q.direction, start: q.start, reached: mark(main.reached), observedReached: mark(actual.reached), grantedButUnused, workloads: workloads.length, sensitivity };
  }

  function riskiest(limit = 10, observedOnly = false): RiskEntry[] {
    return rankRiskiestWorkloads(toAdjacency(observedOnly ? observed : potentialEdges()), workloads, { crownJewels, limit });
  }

  return { workloads, query, riskiest, sensitivity, crownJewels, suggestedCrownJewels: suggested };
}

function observedPaths(edges: readonly ObservedEdge[]): ObservedPath[] {
  return edges.flatMap((e) => (e.pathTemplate ? [{ destination: e.destination, path: e.pathTemplate }] : []));
}

/**
 * The crown jewels blast radius counts: confirmed ones (tagged, or matching a label rule) and, as suggestions,
 * services seen answering sensitive paths (issue 12: observed paths feed blast radius). A service that serves
 * `/admin` or payment calls is evidence of what it holds; data-store ports and names stay suggestions the user
 * confirms by tagging, as before, since a Redis may well be a disposable cache.
 */
export function blastCrownJewels(findings: readonly SensitivityFinding[]): { crownJewels: Set<EndpointName>; suggested: Set<EndpointName> } {
  const crownJewels = crownJewelSet(findings);
  const suggested = new Set<EndpointName>();
  for (const f of findings) {
    if (f.crownJewel || !f.reasons.some((r) => r.kind === 'path')) continue;
    crownJewels.add(f.workload);
    suggested.add(f.workload);
  }
  return { crownJewels, suggested };
}
