import type { EndpointName } from '../model/identity';
import type { Labels, Protocol, WorkloadKind } from '../model/kubernetes';
import type { LayerDecision, LayerName, RuleRef } from '../model/verdict';
import type { SensitivityCategory } from './path-sensitivity';
import type { CountUnit, EdgeObservation } from '../traffic/model';

/**
 * The classified east-west graph: what the UI draws, the API returns and `eastwest analyze --json` prints.
 * Plain JSON data only (no Maps, no classes), so it crosses the API boundary unchanged.
 */

export type NodeKind = 'workload' | 'pod' | 'external' | 'node' | 'infra' | 'dangling';

/** Badges the UI shows on a node (besides `unprotected`). */
export type NodeBadge = 'unprotected-ingress' | 'unprotected-egress' | 'dns' | 'apiserver' | 'mesh-control-plane' | 'ingress-gateway' | 'host-network';

export interface GraphNode {
  /** The endpoint name (`ns/workload`, `world`, `ip:10.0.3.250`, `node:<name>`, `dangling:<rule>`). */
  id: EndpointName;
  kind: NodeKind;
  /** Short label for drawing: the workload name, the IP, the node name. */
  name: string;
  /** Absent for peers outside any namespace (world, ip:, node:). */
  namespace?: string;
  /** Owning controller kind for workloads and bare pods. */
  workloadKind?: WorkloadKind;
  labels: Labels;
  serviceAccount?: string;
  /** Number of pods of the workload in the inventory (0 for non-workload peers). */
  pods: number;
  /**
   * True per direction when no enforcing layer isolates the workload: anything may reach it (ingress) or it may reach
   * anything (egress) by default. Drawn as a badge instead of n² default-allow edges. Always false for non-workloads.
   */
  unprotected: { ingress: boolean; egress: boolean };
  badges: NodeBadge[];
  /**
   * What the paths it was seen answering in the window suggest it holds (`admin`, `internal`, `payment`,
   * `user-data`; path-sensitivity.ts). Absent when nothing sensitive was observed. Tags and label rules are
   * per snapshot and shown by the crown-jewel toggle, not here.
   */
  sensitivity?: SensitivityCategory[];
}

/**
 * Classes of the classification:
 * - `allowed`: observed, and explicitly allowed by a rule on every enforcing layer;
 * - `unauthorized`: observed and not explicitly authorized (see `EdgeState`);
 * - `unused`: a rule explicitly grants it, and no traffic was observed in the window.
 */
export type EdgeClass = 'allowed' | 'unauthorized' | 'unused';
export const EDGE_CLASSES: readonly EdgeClass[] = ['allowed', 'unauthorized', 'unused'];

/**
 * Sub-state of `unauthorized`: `denied` = a layer denies it or the data plane recorded the attempt as blocked;
 * `unprotected` = it flows only because an end is not isolated (allowed by default, nobody authorized it).
 */
export type EdgeState = 'denied' | 'unprotected';

/** Why an edge is infrastructure rather than application traffic (hidden by the "hide infra" filter). */
export type InfraKind = 'dns' | 'probe' | 'apiserver' | 'mesh-control-plane';

export interface ObservedSummary {
  count: number;
  /** What `count` counts: requests, connections, connection attempts or flow records (the best unit any observer gave). */
  countUnit: CountUnit;
  firstSeen: string;
  lastSeen: string;
  /** Count per data-plane verdict (`forwarded`, `dropped:POLICY_DENIED`, `rbac_denied`, `denied:403`, ...). */
  verdicts: Record<string, number>;
  /**
   * Each input format's own figures, when more than one saw the edge: the headline figures above count the same
   * traffic once (the best unit, the largest count), these say what each format recorded.
   */
  observations?: EdgeObservation[];
}

/** One L7 operation seen on an edge (kept as detail when edges are collapsed to workload level). */
export interface EdgeOperation {
  method?: string;
  path?: string;
  count: number;
  verdicts: Record<string, number>;
}

export interface PodPairEvaluation {
  /** Pod pairs evaluated (capped) and the number that exist. */
  evaluated: number;
  total: number;
  /** True when the evaluated pod pairs did not all get the same verdict. */
  disagree: boolean;
  /** When they disagree: one line per distinct outcome, e.g. `frontend-a -> pay-1: denied (network: ...)`. */
  details: string[];
}

export interface EdgeExplanation {
  /** One human sentence: why this class. */
  summary: string;
  /** The policy verdict's one-liner (`network: allowed by ...; istio: ...`), or why nothing could be evaluated. */
  verdict: string;
  /** Per enforcing layer, from the representative pod pair. Empty when no layer enforces. */
  layers: LayerDecision[];
  podPairs: PodPairEvaluation;
  /** Extra facts (`observed 3 blocked attempts`, `source is not a cluster endpoint`). */
  notes: string[];
}

/**
 * One edge of the classified graph as the API and the UI carry it: its class and the rules that decided, without
 * the per-layer explanation (≈ 1.6 KB per edge), which `GET /api/snapshots/:id/graph/edge` returns on demand.
 */
export interface GraphEdge {
  /** Stable id: `source|destination|port|protocol`. */
  id: string;
  source: EndpointName;
  destination: EndpointName;
  /** Destination pod port. */
  port: number;
  protocol: Protocol;
  class: EdgeClass;
  /** Set for `unauthorized` only. */
  state: EdgeState | null;
  /** `null` for `unused` edges. */
  observed: ObservedSummary | null;
  /** One human sentence: why this class (the explanation's summary). */
  summary: string;
  /** L7 operations seen (method and path template); empty for L4-only sources. */
  operations: EdgeOperation[];
  /** The rules that decided (allowing rules for allowed/unused, denying or isolating ones for denied). */
  rules: RuleRef[];
  appProtocol?: string;
  observedBy: string[];
  infra: InfraKind | null;
}

/** A graph edge with its full explanation: what the engine computes and `eastwest analyze --json` prints. */
export interface ClassifiedEdge extends GraphEdge {
  explanation: EdgeExplanation;
}

export interface UnusedRule {
  rule: RuleRef;
  /** `formatRuleRef(rule)`, precomputed for display and search. */
  ref: string;
  layer?: LayerName;
  /** Last time any observed traffic matched it (outside the window too), `null` = never. */
  lastMatched: string | null;
  /** The rule's peer or target matches no existing workload, pod, namespace or ServiceAccount (A2). */
  dangling: boolean;
  /**
   * Set when only this part of a rule matches nothing (one peer of a NetworkPolicy rule, one principal of an Istio
   * rule, one identity of a Linkerd authorization) while the rest of the rule still matches: the rule, which stays
   * (it may carry live traffic), and the last time it matched. Remove the part, not the rule.
   */
  partOf?: { ref: string; lastMatched: string | null };
  reason: string;
}

/** A rule whose peer side matches everything: shown once instead of N edges (`any -> boutique/frontend`). */
export interface WildcardRule {
  rule: RuleRef;
  ref: string;
  layer?: LayerName;
  direction: 'ingress' | 'egress';
  /** The workloads the rule protects (destinations for ingress, sources for egress). */
  workloads: EndpointName[];
  /** Observed edges in the window that this rule allowed. */
  usedBy: number;
  lastMatched: string | null;
}

export interface GraphSummary {
  nodes: number;
  edges: number;
  allowed: number;
  unauthorized: number;
  denied: number;
  unprotected: number;
  unused: number;
  infra: number;
  unusedRules: number;
  danglingRules: number;
  wildcardRules: number;
}

export interface TimeWindow {
  /** RFC 3339; inclusive bounds, either may be absent. */
  from?: string;
  to?: string;
}

export interface ClassifiedGraph {
  nodes: GraphNode[];
  edges: ClassifiedEdge[];
  unusedRules: UnusedRule[];
  wildcardRules: WildcardRule[];
  summary: GraphSummary;
  window: TimeWindow;
  /** First and last time over all observed traffic (the range the UI's window slider offers), `null` when none. */
  trafficRange: { start: string; end: string } | null;
  /** Limits of this classification the user should know (e.g. enumeration skipped for a layer). */
  notes: string[];
}

/** The classified graph without per-edge explanations: what the graph API keeps, stores and filters. */
export type CompactGraph = Omit<ClassifiedGraph, 'edges'> & { edges: GraphEdge[] };

/** What a summary edge counts: the classes, with `unauthorized` split into its two states. */
export type SummaryKind = 'allowed' | 'denied' | 'unprotected' | 'unused';

/**
 * The edges between two drawn endpoints of which at least one is a collapsed namespace, counted per class. Only
 * what the client cannot recompute travels: the id (`source|destination`) and the total are derived
 * (summary-edge.ts), and kinds with no edge are left out of `counts` (a large view has thousands of these).
 */
export interface SummaryEdge {
  source: EndpointName;
  destination: EndpointName;
  /** Number of edges summarised per class/state; a kind without edges is absent. */
  counts: Partial<Record<SummaryKind, number>>;
}

export interface CollapsedNamespace {
  /** `ns:<namespace>`. */
  id: string;
  namespace: string;
  workloads: number;
  unprotected: { ingress: number; egress: number };
}

export interface GraphFilters {
  namespaces?: string[];
  classes?: EdgeClass[];
  states?: EdgeState[];
  port?: number;
  protocol?: Protocol;
  method?: string;
  /** Substring or `*` glob on the operation path template. */
  path?: string;
  /** Case-insensitive text on endpoint names and node labels. */
  search?: string;
  hideInfra?: boolean;
}

/**
 * What the graph API returns: the filtered graph, with big namespaces collapsed into compound summaries. The
 * rule lists (`GraphRules`: every rule of the snapshot, megabytes for a large one) are not part of it: the page
 * does not show them and they do not change with the filters; `GET /api/snapshots/:id/graph/rules` has them.
 */
export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
  collapsed: CollapsedNamespace[];
  summaryEdges: SummaryEdge[];
  /** Counts of the whole (unfiltered) graph, for the legend (including the number of unused, dangling and wildcard rules). */
  summary: GraphSummary;
  /** Counts after filtering. */
  visible: { nodes: number; edges: number };
  window: TimeWindow;
  trafficRange: { start: string; end: string } | null;
  notes: string[];
}

/** The rule side of a classified graph: rules no traffic in the window used, and wildcard rules with their usage. */
export type GraphRules = Pick<CompactGraph, 'unusedRules' | 'wildcardRules'>;
