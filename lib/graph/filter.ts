import type { EdgeOperation, GraphEdge, GraphFilters, GraphNode } from './model';

/**
 * Pure predicates for the explorer's filters (hubble-ui `filter-flow.ts` style): one edge or node and the
 * filters in, a boolean out. The API applies them on the server; the UI can reuse them for instant feedback.
 */

export interface FilterContext {
  node(id: string): GraphNode | undefined;
}

const namespaceOf = (id: string): string | undefined => (/^[^:/]+\/[^/]+$/.test(id) ? id.slice(0, id.indexOf('/')) : undefined);

/** `*` matches any run of characters; without `*` the pattern matches as a substring. Case-insensitive. */
export function matchesPattern(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  if (!p.includes('*')) return v.includes(p);
  const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(v);
}

export function matchesOperation(op: EdgeOperation, filters: Pick<GraphFilters, 'method' | 'path'>): boolean {
  if (filters.method && (op.method ?? '').toUpperCase() !== filters.method.toUpperCase()) return false;
  if (filters.path && !(op.path !== undefined && matchesPattern(filters.path, op.path))) return false;
  return true;
}

/** Text search on the endpoint name and the node's labels (`key=value`, key or value). */
export function nodeMatchesSearch(id: string, node: GraphNode | undefined, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  if (id.toLowerCase().includes(q)) return true;
  if (!node) return false;
  if (node.serviceAccount?.toLowerCase().includes(q)) return true;
  return Object.entries(node.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q));
}

export function filterEdge(edge: GraphEdge, filters: GraphFilters, ctx?: FilterContext): boolean {
  if (filters.classes?.length && !filters.classes.includes(edge.class)) return false;
  if (filters.states?.length && !(edge.state !== null && filters.states.includes(edge.state))) return false;
  if (filters.port !== undefined && edge.port !== filters.port) return false;
  if (filters.protocol && edge.protocol !== filters.protocol) return false;
  if (filters.hideInfra && edge.infra !== null) return false;
  if (filters.namespaces?.length) {
    const ns = filters.namespaces;
    const s = namespaceOf(edge.source);
    const d = namespaceOf(edge.destination);
    if (!((s && ns.includes(s)) || (d && ns.includes(d)))) return false;
  }
  if ((filters.method || filters.path) && !edge.operations.some((op) => matchesOperation(op, filters))) return false;
  if (filters.search?.trim()) {
    const q = filters.search;
    if (!nodeMatchesSearch(edge.source, ctx?.node(edge.source), q) && !nodeMatchesSearch(edge.destination, ctx?.node(edge.destination), q)) return false;
  }
  return true;
}

/** Whether any filter that only edges can answer is set: then nodes without a visible edge are hidden. */
export function hasEdgeFilters(filters: GraphFilters): boolean {
  return !!(filters.classes?.length || filters.states?.length || filters.port !== undefined || filters.protocol || filters.method || filters.path);
}

export function filterNode(node: GraphNode, filters: GraphFilters): boolean {
  if (hasEdgeFilters(filters)) return false;
  if (filters.hideInfra && (node.kind === 'infra' || node.kind === 'node')) return false;
  if (filters.namespaces?.length && !(node.namespace && filters.namespaces.includes(node.namespace))) return false;
  if (filters.search?.trim() && !nodeMatchesSearch(node.id, node, filters.search)) return false;
  return true;
}

/** The edges that pass, and the nodes that pass on their own or are an end of a visible edge. */
export function filterGraph<E extends GraphEdge>(graph: { nodes: GraphNode[]; edges: E[] }, filters: GraphFilters): { nodes: GraphNode[]; edges: E[] } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const ctx: FilterContext = { node: (id) => byId.get(id) };
  const edges = graph.edges.filter((e) => filterEdge(e, filters, ctx));
  const visible = new Set<string>();
  for (const e of edges) visible.add(e.source).add(e.destination);
  const nodes = graph.nodes.filter((n) => visible.has(n.id) || filterNode(n, filters));
  return { nodes, edges };
}
