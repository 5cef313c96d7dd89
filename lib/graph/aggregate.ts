import { filterGraph } from './filter';
import type { CollapsedNamespace, CompactGraph, GraphEdge, GraphFilters, GraphNode, GraphView, SummaryEdge, SummaryKind } from './model';
import { summaryEdgeId } from './summary-edge';

/** Above this many visible nodes, namespaces start collapsed (the "namespaces start collapsed above a threshold"). */
export const DEFAULT_COLLAPSE_THRESHOLD = 300;

export interface ViewOptions {
  /** Collapse namespaces when more nodes than this are visible; `Infinity` never collapses. */
  collapseAbove?: number;
  /** Namespaces the user expanded: drawn with their workloads even above the threshold. */
  expand?: string[];
  /** Force-collapse these namespaces whatever the node count. */
  collapse?: string[];
}

export const collapsedId = (namespace: string): string => `ns:${namespace}`;

/**
 * Server-side aggregation: a collapsed namespace becomes one compound summary node, and every edge with an end in
 * it is folded into one summary edge per (source, destination) pair of drawn endpoints with counts per class.
 * Peers outside namespaces (world, ip:, node:) are never collapsed.
 */
export function aggregateNamespaces(nodes: GraphNode[], edges: GraphEdge[], collapsedNamespaces: ReadonlySet<string>): Pick<GraphView, 'nodes' | 'edges' | 'collapsed' | 'summaryEdges'> {
  if (collapsedNamespaces.size === 0) return { nodes, edges, collapsed: [], summaryEdges: [] };
  const isCollapsed = (n: GraphNode | undefined) => !!n?.namespace && collapsedNamespaces.has(n.namespace);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const drawnAs = (id: string): string => {
    const n = byId.get(id);
    return n?.namespace && collapsedNamespaces.has(n.namespace) ? collapsedId(n.namespace) : id;
  };
  const collapsed = new Map<string, CollapsedNamespace>();
  const keptNodes: GraphNode[] = [];
  for (const n of nodes) {
    if (!isCollapsed(n)) {
      keptNodes.push(n);
      continue;
    }
    const ns = n.namespace!;
    let c = collapsed.get(ns);
    if (!c) collapsed.set(ns, (c = { id: collapsedId(ns), namespace: ns, workloads: 0, unprotected: { ingress: 0, egress: 0 } }));
    c.workloads++;
    if (n.unprotected.ingress) c.unprotected.ingress++;
    if (n.unprotected.egress) c.unprotected.egress++;
  }
  const keptEdges: GraphEdge[] = [];
  const summaries = new Map<string, SummaryEdge>();
  for (const e of edges) {
    const source = drawnAs(e.source);
    const destination = drawnAs(e.destination);
    if (source === e.source && destination === e.destination) {
      keptEdges.push(e);
      continue;
    }
    const id = summaryEdgeId({ source, destination });
    let s = summaries.get(id);
    if (!s) summaries.set(id, (s = { source, destination, counts: {} }));
    const kind: SummaryKind = e.class === 'unauthorized' ? (e.state ?? 'unprotected') : e.class;
    s.counts[kind] = (s.counts[kind] ?? 0) + 1;
  }
  return { nodes: keptNodes, edges: keptEdges, collapsed: [...collapsed.values()].sort((a, b) => a.namespace.localeCompare(b.namespace)), summaryEdges: [...summaries.values()] };
}

/**
 * Filters, then collapses namespaces when the view is too big to draw: what the graph API returns. The rule lists
 * stay out (`GraphRules`, `GET …/graph/rules`): they do not depend on the filters and the page does not draw them.
 */
export function buildGraphView(graph: CompactGraph, filters: GraphFilters = {}, options: ViewOptions = {}): GraphView {
  const filtered = filterGraph(graph, filters);
  const threshold = options.collapseAbove ?? DEFAULT_COLLAPSE_THRESHOLD;
  const expand = new Set(options.expand ?? []);
  const toCollapse = new Set(options.collapse ?? []);
  if (filtered.nodes.length > threshold) for (const n of filtered.nodes) if (n.namespace && !expand.has(n.namespace)) toCollapse.add(n.namespace);
  const view = aggregateNamespaces(filtered.nodes, filtered.edges, toCollapse);
  return {
    ...view,
    summary: graph.summary,
    visible: { nodes: filtered.nodes.length, edges: filtered.edges.length },
    window: graph.window,
    trafficRange: graph.trafficRange,
    notes: graph.notes,
  };
}
