import type { GraphEdge, CollapsedNamespace, GraphNode, GraphView, SummaryEdge } from '@/lib/graph/model';
import { edgeKindOf, hasEdgeFilter, type ViewState } from './view-state';

export interface VisibleGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  collapsed: CollapsedNamespace[];
  summaryEdges: SummaryEdge[];
}

export const isExternalPeer = (node: Pick<GraphNode, 'kind'>): boolean => node.kind === 'external' || node.kind === 'node';
const isExternalId = (id: string): boolean => id === 'world' || id.startsWith('ip:') || id.startsWith('node:');

/**
 * The two filters the API does not have, applied to its answer: the unauthorized sub-state (denied vs
 * unprotected) and "hide external peers". Nodes left without edges are dropped when an edge filter is on,
 * the same rule the API applies (`filterGraph`).
 */
export function toVisibleGraph(view: GraphView, v: ViewState): VisibleGraph {
  const shown = new Set(v.show);
  const edges = view.edges.filter((e) => (!shown.size || shown.has(edgeKindOf(e))) && !(v.hideExternal && (isExternalId(e.source) || isExternalId(e.destination))));
  const summaryEdges = view.summaryEdges.filter((e) => !(v.hideExternal && (isExternalId(e.source) || isExternalId(e.destination))));
  let nodes = view.nodes.filter((n) => !(v.hideExternal && isExternalPeer(n)));
  if (hasEdgeFilter(v)) {
    const ends = new Set<string>();
    for (const e of [...edges, ...summaryEdges]) ends.add(e.source).add(e.destination);
    nodes = nodes.filter((n) => ends.has(n.id));
  }
  return { nodes, edges, collapsed: view.collapsed, summaryEdges };
}
