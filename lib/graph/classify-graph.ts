import type { Inventory } from '../model/kubernetes';
import type { Evaluator, PolicyLayer } from '../model/verdict';
import { ruleRefText } from '../policy/model/rule-ref-text';
import type { ObservedEdge } from '../traffic/model';
import { buildNodes, recordIsolation, type IsolationEvidence } from './build-nodes';
import { classifyObservedEdge } from './classify-edge';
import { collapseObservedEdges, type CollapsedEdge } from './collapse-observed';
import { buildEndpointIndex } from './endpoint-index';
import { evaluateEdge, type EdgeEvaluation } from './evaluate-edge';
import { infraKindOf } from './infra';
import type { ClassifiedEdge, ClassifiedGraph, GraphSummary, TimeWindow } from './model';
import type { Diagnostic } from '../model/diagnostics';
import { danglingRulesFromDiagnostics } from './dangling-diagnostics';
import { participatingEvaluator } from './participating-layers';
import { buildRuleCatalog, networkModelOf } from './rule-catalog';
import { computeRuleUsage, type RuleHit } from './rule-usage';
import { catalogCandidates, findUnusedGrants, pairwiseCandidates, type GrantCandidate, type UnusedGrant } from './unused-edges';

/** Above this many workloads the pairwise fallback for layers without a rule catalog is skipped (n² evaluations). */
export const PAIRWISE_WORKLOAD_LIMIT = 150;

export interface ClassifyInput {
  inventory: Inventory;
  /** lib/policy `createEvaluator(...).value`; its `layers` let the graph read the network layer's rules. */
  evaluator: Evaluator & { layers?: readonly PolicyLayer[] };
  /** Observed edges from lib/traffic (any window; the window is applied here). */
  edges: readonly ObservedEdge[];
  window?: TimeWindow;
  pairwiseWorkloadLimit?: number;
  /** The evaluator's diagnostics: mesh layers report dangling identities there (`dangling-*` codes). */
  diagnostics?: readonly Diagnostic[];
}

export function toObservedEdge(c: CollapsedEdge, evaluation: EdgeEvaluation): ClassifiedEdge {
  const k = classifyObservedEdge(c.observed, evaluation);
  return {
    id: c.id,
    source: c.source,
    destination: c.destination,
    port: c.port,
    protocol: c.protocol,
    class: k.class,
    state: k.state,
    observed: c.observed,
    summary: k.summary,
    explanation: {
      summary: k.summary,
      verdict: evaluation.verdict?.summary ?? evaluation.notes[0] ?? 'not evaluated',
      layers: evaluation.verdict?.layers ?? [],
      podPairs: evaluation.podPairs,
      notes: evaluation.notes.length === 0 ? k.notes : k.notes.length === 0 ? evaluation.notes : [...evaluation.notes, ...k.notes],
    },
    operations: c.operations,
    rules: k.rules,
    ...(c.appProtocol ? { appProtocol: c.appProtocol } : {}),
    observedBy: c.observedBy,
    infra: infraKindOf(c),
  };
}

export function toUnusedEdge(g: UnusedGrant, pairs: number): ClassifiedEdge {
  const summary = `explicitly granted by ${g.rules.filter((r) => !r.wildcard).map(ruleRefText).join(', ')}, and no traffic was observed in the window`;
  return {
    id: g.id,
    source: g.source,
    destination: g.destination,
    port: g.port,
    protocol: g.protocol,
    class: 'unused',
    state: null,
    observed: null,
    summary,
    explanation: {
      summary,
      verdict: g.verdict.summary,
      layers: g.verdict.layers,
      podPairs: { evaluated: 1, total: pairs, disagree: false, details: [] },
      notes: pairs > 1 ? ['evaluated on one representative pod pair'] : [],
    },
    operations: [],
    rules: g.rules,
    observedBy: [],
    infra: infraKindOf(g),
  };
}

function summarize(graph: Omit<ClassifiedGraph, 'summary'>): GraphSummary {
  const s: GraphSummary = { nodes: graph.nodes.length, edges: graph.edges.length, allowed: 0, unauthorized: 0, denied: 0, unprotected: 0, unused: 0, infra: 0, unusedRules: 0, danglingRules: 0, wildcardRules: graph.wildcardRules.length };
  for (const e of graph.edges) {
    s[e.class]++;
    if (e.state) s[e.state]++;
    if (e.infra) s.infra++;
  }
  for (const r of graph.unusedRules) {
    if (r.dangling) s.danglingRules++;
    else s.unusedRules++;
  }
  return s;
}

/**
 * Builds the classified graph for one snapshot and time window, as ordered passes:
 * 1. collapse observed edges to workload level in the window (L7 routes kept as operations);
 * 2. evaluate each on the pods of both workloads; 3. classify allowed / unauthorized (denied | unprotected);
 * 4. enumerate explicitly granted but unobserved edges from the rule catalog (wildcards stay one rule);
 * 5. per-rule usage (unused, dangling, wildcard rules); 6. nodes with unprotected badges.
 */
export function classifyGraph(input: ClassifyInput): ClassifiedGraph {
  const { inventory } = input;
  const evaluator = participatingEvaluator(input.evaluator);
  const window = input.window ?? {};
  const index = buildEndpointIndex(inventory);
  const inWindow = collapseObservedEdges(input.edges, window);
  const windowed = !!(window.from || window.to);
  const allTime = windowed ? collapseObservedEdges(input.edges) : inWindow;

  const evaluations = new Map<string, EdgeEvaluation>();
  const evaluationOf = (c: CollapsedEdge) => {
    let e = evaluations.get(c.id);
    if (!e) evaluations.set(c.id, (e = evaluateEdge(evaluator, index, c)));
    return e;
  };
  const observedEdges = inWindow.map((c) => toObservedEdge(c, evaluationOf(c)));

  const networkModel = networkModelOf(input.evaluator.layers);
  const catalog = networkModel ? buildRuleCatalog(networkModel) : [];
  const candidates: GrantCandidate[] = catalogCandidates(catalog, index);
  const notes: string[] = [];
  const otherLayers = (input.evaluator.layers ?? []).filter((l) => l.name !== 'network').map((l) => l.name);
  if (otherLayers.length > 0 || !networkModel) {
    const limit = input.pairwiseWorkloadLimit ?? PAIRWISE_WORKLOAD_LIMIT;
    if (index.workloads.size <= limit) candidates.push(...pairwiseCandidates(index));
    else notes.push(`allowed-but-unused edges granted only by ${otherLayers.join(', ') || 'layers without a rule catalog'} are not enumerated above ${limit} workloads`);
  }
  const observedIds = new Set(inWindow.map((c) => c.id));
  const wildcardRefs = new Set(catalog.filter((c) => c.wildcard).map((c) => c.ref));
  const grants = findUnusedGrants(evaluator, index, candidates, observedIds, wildcardRefs);
  const pairsOf = (g: UnusedGrant) => (index.podsByWorkload.get(g.source)?.length ?? 1) * (index.podsByWorkload.get(g.destination)?.length ?? 1);
  const unusedEdges = grants.map((g) => toUnusedEdge(g, pairsOf(g)));

  const inWindowIds = observedIds;
  const hits: RuleHit[] = allTime.map((c) => ({ source: c.source, destination: c.destination, lastSeen: c.observed.lastSeen, inWindow: inWindowIds.has(c.id), verdict: evaluationOf(c).verdict }));
  const grantedRules = grants.flatMap((g) => g.verdict.layers.filter((l) => l.basis === 'explicit').flatMap((l) => l.rules.map((rule) => ({ rule, layer: l.layer }))));
  const usage = computeRuleUsage(catalog, hits, grantedRules);
  const { wildcardRules } = usage;
  // A mesh rule can name a real caller and a missing one: only the missing one is listed, as part of the rule.
  const meshDangling = danglingRulesFromDiagnostics(input.diagnostics ?? [], usage);
  const danglingRefs = new Set(meshDangling.map((r) => r.ref));
  // A mesh rule that matches nobody at all is dangling rather than merely unused: one entry, the dangling one.
  const unusedRules = [...meshDangling, ...usage.unusedRules.filter((r) => !danglingRefs.has(r.ref))];

  const edges = [...observedEdges, ...unusedEdges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const endpoints = new Set<string>();
  for (const e of edges) endpoints.add(e.source).add(e.destination);
  // Isolation seen in pod-to-pod verdicts (both ends in the inventory) spares most per-workload probes.
  const evidence: IsolationEvidence = new Map();
  for (const c of inWindow) {
    const v = evaluations.get(c.id)?.verdict;
    if (v && index.podsByWorkload.has(c.source) && index.podsByWorkload.has(c.destination)) recordIsolation(evidence, c.source, c.destination, v);
  }
  const nodes = buildNodes(evaluator, index, endpoints, evidence, observedEdges);

  let trafficRange: ClassifiedGraph['trafficRange'] = null;
  let startMs = NaN;
  let endMs = NaN;
  for (const c of allTime) {
    const first = Date.parse(c.observed.firstSeen);
    const last = Date.parse(c.observed.lastSeen);
    if (!trafficRange) {
      trafficRange = { start: c.observed.firstSeen, end: c.observed.lastSeen };
      startMs = first;
      endMs = last;
    } else {
      // Same comparisons as before, on the bounds parsed once (a NaN bound stays put, as Date.parse gave before).
      if (first < startMs) {
        trafficRange.start = c.observed.firstSeen;
        startMs = first;
      }
      if (last > endMs) {
        trafficRange.end = c.observed.lastSeen;
        endMs = last;
      }
    }
  }
  const graph = { nodes, edges, unusedRules, wildcardRules, window, trafficRange, notes };
  return { ...graph, summary: summarize(graph) };
}
