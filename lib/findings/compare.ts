import type { ClassifiedEdge, EdgeClass, EdgeState, InfraKind } from '../graph';
import { semanticDiff, type PairChange } from '../draft';
import type { EndpointName } from '../model/identity';
import type { Protocol } from '../model/kubernetes';
import type { AnalyzedSnapshot } from './analyze-snapshot';

/** One observed edge as it appears in a comparison. */
export interface EdgeChange {
  source: EndpointName;
  destination: EndpointName;
  port: number;
  protocol: Protocol;
  class: EdgeClass;
  state: EdgeState | null;
  count: number;
  firstSeen: string;
  lastSeen: string;
  infra: InfraKind | null;
}

/** The headline: a workload calling a destination it never called in the baseline. */
export type NewCaller = EdgeChange;

export interface ClassChange extends Omit<EdgeChange, 'class' | 'state'> {
  before: { class: EdgeClass; state: EdgeState | null };
  after: { class: EdgeClass; state: EdgeState | null };
}

export interface BlastRadiusChange {
  workload: EndpointName;
  /** Workloads reachable by policy; `null` when the workload does not exist on that side. */
  before: number | null;
  after: number | null;
  delta: number;
  crownJewelsBefore: EndpointName[];
  crownJewelsAfter: EndpointName[];
}

export interface Comparison {
  /** Observed (source, destination) pairs absent from the baseline, one entry per port: the headline list. */
  newCallers: NewCaller[];
  /** Observed edges (source, destination, port, protocol) absent from the baseline, new callers included. */
  newEdges: EdgeChange[];
  /** Observed in the baseline, not in the current snapshot. */
  goneEdges: EdgeChange[];
  /** Observed on both sides with a different classification. */
  classChanges: ClassChange[];
  /** New edges that are unauthorized, and edges that became unauthorized: what fails `eastwest diff`. */
  newUnauthorized: EdgeChange[];
  /** What the policies allow, compared semantically on the current inventory (not a text diff). */
  policyChanges: { gained: PairChange[]; lost: PairChange[]; changed: PairChange[]; compared: number };
  /** Reach of the riskiest workloads (by policy) before and after. */
  blastRadius: BlastRadiusChange[];
  summary: { newCallers: number; newEdges: number; goneEdges: number; newUnauthorized: number; policyGained: number; policyLost: number };
}

export interface CompareOptions {
  /** How many of the riskiest workloads (on either side) to report; default 10. */
  riskiestLimit?: number;
}

/** DNS lookups and kubelet probes come and go with pods: they are never "new callers". */
const NOT_A_CALLER: ReadonlySet<InfraKind> = new Set(['dns', 'probe']);

const edgeKey = (e: { source: string; destination: string; port: number; protocol: string }) => `${e.source}|${e.destination}|${e.port}|${e.protocol}`;
const pairKey = (e: { source: string; destination: string }) => `${e.source}|${e.destination}`;
const byEdge = (a: Omit<EdgeChange, 'class' | 'state'>, b: Omit<EdgeChange, 'class' | 'state'>) => a.source.localeCompare(b.source) || a.destination.localeCompare(b.destination) || a.port - b.port || a.protocol.localeCompare(b.protocol);

function observedEdges(s: AnalyzedSnapshot): Map<string, ClassifiedEdge> {
  return new Map(s.graph.edges.filter((e) => e.observed !== null).map((e) => [edgeKey(e), e]));
}

function toChange(e: ClassifiedEdge): EdgeChange {
  return {
    source: e.source,
    destination: e.destination,
    port: e.port,
    protocol: e.protocol,
    class: e.class,
    state: e.state,
    count: e.observed?.count ?? 0,
    firstSeen: e.observed?.firstSeen ?? '',
    lastSeen: e.observed?.lastSeen ?? '',
    infra: e.infra,
  };
}

/**
 * Change over time: the current snapshot against a baseline. Edges are compared at the classified graph's
 * level (workload, destination pod port, protocol), inside each side's own window.
 */
export function compareSnapshots(baseline: AnalyzedSnapshot, current: AnalyzedSnapshot, options: CompareOptions = {}): Comparison {
  const before = observedEdges(baseline);
  const after = observedEdges(current);
  const knownPairs = new Set([...before.values()].map(pairKey));

  const newEdges = [...after].filter(([k]) => !before.has(k)).map(([, e]) => toChange(e)).sort(byEdge);
  const goneEdges = [...before].filter(([k]) => !after.has(k)).map(([, e]) => toChange(e)).sort(byEdge);
  const newCallers = newEdges.filter((e) => !knownPairs.has(pairKey(e)) && !(e.infra && NOT_A_CALLER.has(e.infra)));
  const classChanges: ClassChange[] = [];
  for (const [k, a] of after) {
    const b = before.get(k);
    if (!b || (b.class === a.class && b.state === a.state)) continue;
    const change = toChange(a);
    classChanges.push({ source: change.source, destination: change.destination, port: change.port, protocol: change.protocol, count: change.count, firstSeen: change.firstSeen, lastSeen: change.lastSeen, infra: change.infra, before: { class: b.class, state: b.state }, after: { class: a.class, state: a.state } });
  }
  classChanges.sort(byEdge);
  const becameUnauthorized = [...after.entries()].filter(([k, e]) => e.class === 'unauthorized' && before.has(k) && before.get(k)!.class !== 'unauthorized').map(([, e]) => toChange(e));
  const newUnauthorized = [...newEdges.filter((e) => e.class === 'unauthorized'), ...becameUnauthorized].sort(byEdge);

  // Ask about the observed ports too: a destination may serve ports it does not declare (README §1: named ports).
  const extraPorts = [...before.values(), ...after.values()].map((e) => ({ destination: e.destination, port: e.port, protocol: e.protocol }));
  const diff = semanticDiff({ inventory: current.input.inventory, before: baseline.input.objects, after: current.input.objects, extraPorts });

  const blastRadius = compareRiskiest(baseline, current, options.riskiestLimit ?? 10);
  return {
    newCallers,
    newEdges,
    goneEdges,
    classChanges,
    newUnauthorized,
    policyChanges: diff,
    blastRadius,
    summary: { newCallers: newCallers.length, newEdges: newEdges.length, goneEdges: goneEdges.length, newUnauthorized: newUnauthorized.length, policyGained: diff.gained.length, policyLost: diff.lost.length },
  };
}

function compareRiskiest(baseline: AnalyzedSnapshot, current: AnalyzedSnapshot, limit: number): BlastRadiusChange[] {
  // Rank every workload on both sides, so a workload in one top list has its figure on the other side too.
  const all = (s: AnalyzedSnapshot) => new Map(s.blastRadius.riskiest({ limit: Math.max(1, s.blastRadius.workloads.length) }).map((r) => [r.workload, r]));
  const b = all(baseline);
  const a = all(current);
  const top = (m: Map<EndpointName, unknown>) => [...m.keys()].slice(0, limit);
  const names = [...new Set([...top(a), ...top(b)])];
  return names
    .map((workload): BlastRadiusChange => {
      const x = b.get(workload);
      const y = a.get(workload);
      return {
        workload,
        before: x?.reachable ?? null,
        after: y?.reachable ?? null,
        delta: (y?.reachable ?? 0) - (x?.reachable ?? 0),
        crownJewelsBefore: x?.crownJewelsReached ?? [],
        crownJewelsAfter: y?.crownJewelsReached ?? [],
      };
    })
    .sort((p, q) => (q.after ?? -1) - (p.after ?? -1) || Math.abs(q.delta) - Math.abs(p.delta) || p.workload.localeCompare(q.workload));
}
