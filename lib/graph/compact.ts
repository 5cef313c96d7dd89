import type { ClassifiedEdge, ClassifiedGraph, CompactGraph, GraphEdge } from './model';

/** The edge without its explanation: what the graph API sends for every edge. */
export function compactEdge(edge: ClassifiedEdge): GraphEdge {
  // Rest destructuring drops the explanation without copying it; the rest keeps its key order (stable JSON).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the dropped part
  const { explanation, ...rest } = edge;
  return rest;
}

/** The classified graph without per-edge explanations (≈ 1.6 KB each): kept, stored and filtered by the graph API. */
export function compactGraph(graph: ClassifiedGraph): CompactGraph {
  return { ...graph, edges: graph.edges.map(compactEdge) };
}
