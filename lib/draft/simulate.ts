import type { Diagnostic } from '../model/diagnostics';
import type { Inventory } from '../model/kubernetes';
import type { EngineOptions, ManifestObject } from '../model/manifest';
import type { Verdict } from '../model/verdict';
import { createEvaluator } from '../policy';
import type { ObservedEdge } from '../traffic/model';
import { evaluateEdge, type EdgeOutcome } from './connections';
import { keepNotDenied } from './keep-edge';
import { familyOf } from './objects';
import type { EdgeFilter } from './types';

export type SimulationMode = 'add' | 'replace';

export interface SimulateInput {
  inventory: Inventory;
  /** The policies in force today (inventory objects may be included; they are ignored here). */
  currentObjects: readonly ManifestObject[];
  draftObjects: readonly ManifestObject[];
  edges: readonly ObservedEdge[];
  /**
   * `add`: current policies and the draft together. `replace`: the draft replaces the current policies of its
   * own families in the namespaces it has objects in (NetworkPolicies of `boutique` for a NetworkPolicy draft of
   * `boutique`); everything else (other families, other namespaces, cluster-scoped policies) stays.
   */
  mode: SimulationMode;
  /** Which observed edges are legitimate traffic (default: never blocked); the others are unauthorized attempts. */
  keep?: EdgeFilter;
  options?: Partial<EngineOptions>;
}

export interface SimulatedEdge {
  edge: ObservedEdge;
  legitimate: boolean;
  before: EdgeOutcome;
  after: EdgeOutcome;
  /** The verdict after the change (the denying pair's, when any). */
  verdictAfter?: Verdict;
  reason?: string;
}

export interface Simulation {
  edges: SimulatedEdge[];
  /** Legitimate traffic allowed today that the change denies: it would break. */
  wouldBreak: SimulatedEdge[];
  /** Legitimate traffic not allowed after the change (includes what is already denied today). */
  deniedAfter: SimulatedEdge[];
  /** Unauthorized attempts the change blocks (whatever they met before). */
  blocked: SimulatedEdge[];
  /** Unauthorized attempts still allowed after the change. */
  stillAllowed: SimulatedEdge[];
  /** Edges that could not be evaluated (an endpoint without an address, such as `dns:` names). */
  unknown: SimulatedEdge[];
  diagnostics: Diagnostic[];
}

/** The objects in force after applying the draft in the given mode. */
export function combinePolicies(current: readonly ManifestObject[], draft: readonly ManifestObject[], mode: SimulationMode): ManifestObject[] {
  if (mode === 'add') return [...current, ...draft];
  const replaced = new Set(draft.map((o) => `${familyOf(o)}|${o.metadata.namespace ?? 'default'}`));
  return [...current.filter((o) => familyOf(o) === null || !replaced.has(`${familyOf(o)}|${o.metadata.namespace ?? 'default'}`)), ...draft];
}

/**
 * What-if: re-evaluates every observed edge under the current policies and under current + draft (or draft
 * replacing current), and sorts the changes into what would break and which unauthorized attempts get blocked.
 */
export function simulateDraft(input: SimulateInput): Simulation {
  const keep = input.keep ?? keepNotDenied;
  const before = createEvaluator(input.inventory, [...input.currentObjects], input.options);
  const after = createEvaluator(input.inventory, combinePolicies(input.currentObjects, input.draftObjects, input.mode), input.options);
  const edges = input.edges.map((edge): SimulatedEdge => {
    const b = evaluateEdge(before.value, input.inventory, edge);
    const a = evaluateEdge(after.value, input.inventory, edge);
    return {
      edge,
      legitimate: keep(edge),
      before: b.outcome,
      after: a.outcome,
      ...(a.verdict ? { verdictAfter: a.verdict } : {}),
      ...(a.reason ? { reason: a.reason } : {}),
    };
  });
  const known = edges.filter((e) => e.after !== 'unknown');
  return {
    edges,
    wouldBreak: known.filter((e) => e.legitimate && e.before === 'allowed' && e.after !== 'allowed'),
    deniedAfter: known.filter((e) => e.legitimate && e.after !== 'allowed'),
    blocked: known.filter((e) => !e.legitimate && e.after === 'denied'),
    stillAllowed: known.filter((e) => !e.legitimate && e.after !== 'denied'),
    unknown: edges.filter((e) => e.after === 'unknown'),
    diagnostics: [...before.diagnostics, ...after.diagnostics].filter((d) => d.severity !== 'info'),
  };
}
