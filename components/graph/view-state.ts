import type { EdgeClass, EdgeState } from '@/lib/graph/model';

/**
 * The explorer's whole view state lives in the URL (shareable, survives reload). This file is the one
 * place that reads and writes it. Graph filters keep the graph API's parameter names (`graphQuerySchema`),
 * so the API query is a subset of the page URL; page-only state (mode, selection, blast radius) is added.
 */

export type ExplorerMode = 'graph' | 'table' | 'blast' | 'rules';
export const EXPLORER_MODES: readonly ExplorerMode[] = ['graph', 'table', 'blast', 'rules'];

/** How the Rules view orders the rules inside each group (rule-groups.ts). */
export type RuleSort = 'rule' | 'file' | 'lastMatched';
export const RULE_SORTS: readonly RuleSort[] = ['rule', 'file', 'lastMatched'];

/** The legend's four kinds of edge: the three classes, with `unauthorized` split by its sub-state. */
export type EdgeKind = 'allowed' | 'denied' | 'unprotected' | 'unused';
export const EDGE_KINDS: readonly EdgeKind[] = ['allowed', 'denied', 'unprotected', 'unused'];

export const edgeKindOf = (edge: { class: EdgeClass; state: EdgeState | null }): EdgeKind =>
  edge.class === 'unauthorized' ? (edge.state ?? 'unprotected') : edge.class;

export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | null;

export interface ViewState {
  mode: ExplorerMode;
  /** Edge kinds shown; empty = all. */
  show: EdgeKind[];
  namespaces: string[];
  port?: number;
  protocol?: string;
  method?: string;
  path?: string;
  search: string;
  from?: string;
  to?: string;
  hideInfra: boolean;
  /** External peers (world, ip:, node:) are filtered on the client: the API has no such filter. */
  hideExternal: boolean;
  expand: string[];
  collapse: string[];
  selection: Selection;
  /** Blast radius mode: compromised workloads (or exposure targets), the target whose path is drawn. */
  start: string[];
  target?: string;
  direction: 'blast' | 'exposure';
  observedOnly: boolean;
  /** Walk on from shared infrastructure (DNS, mesh control plane, API server); off: reached, not traversed. */
  pivotThroughInfra: boolean;
  maxHops?: number;
  sort: string;
  sortDir: 'asc' | 'desc';
  /** Rules mode: the order inside each group. */
  ruleSort: RuleSort;
}

const list = (v: string | null): string[] => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
const flag = (v: string | null): boolean => v === '1' || v === 'true';
const int = (v: string | null): number | undefined => {
  const n = v === null ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const opt = (v: string | null): string | undefined => (v && v.trim() ? v : undefined);

/** Every filter back to its default (the legend's classes included); mode, selection and expansion stay. */
export const noFilters = (): Partial<ViewState> => ({
  show: [],
  namespaces: [],
  port: undefined,
  protocol: undefined,
  method: undefined,
  path: undefined,
  search: '',
  from: undefined,
  to: undefined,
  hideInfra: false,
  hideExternal: false,
});

export function parseViewState(params: URLSearchParams): ViewState {
  const mode = params.get('mode');
  const node = params.get('node');
  const edge = params.get('edge');
  return {
    mode: EXPLORER_MODES.includes(mode as ExplorerMode) ? (mode as ExplorerMode) : 'graph',
    show: list(params.get('show')).filter((k): k is EdgeKind => EDGE_KINDS.includes(k as EdgeKind)),
    namespaces: list(params.get('ns')),
    port: int(params.get('port')),
    protocol: opt(params.get('protocol'))?.toUpperCase(),
    method: opt(params.get('method'))?.toUpperCase(),
    path: opt(params.get('path')),
    search: params.get('q') ?? '',
    from: opt(params.get('from')),
    to: opt(params.get('to')),
    hideInfra: flag(params.get('hideInfra')),
    hideExternal: flag(params.get('hideExternal')),
    expand: list(params.get('expand')),
    collapse: list(params.get('collapse')),
    selection: edge ? { kind: 'edge', id: edge } : node ? { kind: 'node', id: node } : null,
    start: list(params.get('start')),
    target: opt(params.get('target')),
    direction: params.get('direction') === 'exposure' ? 'exposure' : 'blast',
    observedOnly: flag(params.get('observedOnly')),
    pivotThroughInfra: flag(params.get('pivotThroughInfra')),
    maxHops: int(params.get('maxHops')),
    sort: params.get('sort') ?? 'kind',
    sortDir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    ruleSort: RULE_SORTS.includes(params.get('ruleSort') as RuleSort) ? (params.get('ruleSort') as RuleSort) : 'rule',
  };
}

/** The page URL's query string for a view (the snapshot id first, defaults left out so links stay short). */
export function toSearchParams(snapshotId: string, v: ViewState): URLSearchParams {
  const p = new URLSearchParams();
  p.set('snapshot', snapshotId);
  if (v.mode !== 'graph') p.set('mode', v.mode);
  for (const [k, value] of Object.entries(graphParams(v))) p.set(k, value);
  if (v.show.length && v.show.length < EDGE_KINDS.length) p.set('show', v.show.join(','));
  if (v.hideExternal) p.set('hideExternal', '1');
  if (v.selection) p.set(v.selection.kind, v.selection.id);
  if (v.start.length) p.set('start', v.start.join(','));
  if (v.target) p.set('target', v.target);
  if (v.direction !== 'blast') p.set('direction', v.direction);
  if (v.observedOnly) p.set('observedOnly', '1');
  if (v.pivotThroughInfra) p.set('pivotThroughInfra', '1');
  if (v.maxHops) p.set('maxHops', String(v.maxHops));
  if (v.sort !== 'kind') p.set('sort', v.sort);
  if (v.sortDir !== 'asc') p.set('dir', v.sortDir);
  if (v.ruleSort !== 'rule') p.set('ruleSort', v.ruleSort);
  return p;
}

/** The classes the API should return for the shown edge kinds (sub-states are filtered on the client). */
export function apiClassesFor(show: readonly EdgeKind[]): EdgeClass[] {
  if (!show.length || show.length === EDGE_KINDS.length) return [];
  const classes = new Set<EdgeClass>(show.map((k) => (k === 'denied' || k === 'unprotected' ? 'unauthorized' : k)));
  return [...classes];
}

/** The graph API parameters of a view, with `graphQuerySchema`'s names. */
function graphParams(v: ViewState): Record<string, string> {
  const out: Record<string, string> = {};
  if (v.from) out.from = v.from;
  if (v.to) out.to = v.to;
  if (v.namespaces.length) out.ns = v.namespaces.join(',');
  if (v.port) out.port = String(v.port);
  if (v.protocol) out.protocol = v.protocol;
  if (v.method) out.method = v.method;
  if (v.path) out.path = v.path;
  if (v.search.trim()) out.q = v.search.trim();
  if (v.hideInfra) out.hideInfra = '1';
  if (v.expand.length) out.expand = v.expand.join(',');
  if (v.collapse.length) out.collapse = v.collapse.join(',');
  return out;
}

/** The graph API query string (canonical: sorted keys, so equal views share one cache entry). */
export function toGraphApiQuery(v: ViewState): string {
  const params = graphParams(v);
  const classes = apiClassesFor(v.show);
  if (classes.length) params.class = classes.join(',');
  return new URLSearchParams(Object.entries(params).sort(([a], [b]) => a.localeCompare(b))).toString();
}

/** The unfiltered graph of the same window: the namespace list, the workload picker, node details. */
export function toUniverseApiQuery(v: ViewState): string {
  const params: Record<string, string> = {};
  if (v.from) params.from = v.from;
  if (v.to) params.to = v.to;
  if (v.expand.length) params.expand = v.expand.join(',');
  return new URLSearchParams(params).toString();
}

export function toBlastApiQuery(v: ViewState): string | null {
  if (v.mode !== 'blast' || !v.start.length) return null;
  const p = new URLSearchParams({ start: v.start.join(','), direction: v.direction });
  if (v.maxHops) p.set('maxHops', String(v.maxHops));
  if (v.observedOnly) p.set('observedOnly', '1');
  if (v.pivotThroughInfra) p.set('pivotThroughInfra', '1');
  return p.toString();
}

/** Whether any edge-only filter is set: nodes without a visible edge are then hidden too (as the API does). */
export function hasEdgeFilter(v: ViewState): boolean {
  return (v.show.length > 0 && v.show.length < EDGE_KINDS.length) || v.port !== undefined || !!v.protocol || !!v.method || !!v.path;
}
