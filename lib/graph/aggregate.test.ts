import { describe, expect, test } from 'vitest';
import { aggregateNamespaces, buildGraphView, type ClassifiedGraph } from './index';
import { classifiedEdge, graphNode } from './testing/builders';

const nodes = [graphNode('a/web'), graphNode('a/api', { unprotected: { ingress: true, egress: false } }), graphNode('b/db'), graphNode('b/cache'), graphNode('world', { kind: 'external' })];
const edges = [
  classifiedEdge('a/web', 'a/api'),
  classifiedEdge('a/api', 'b/db', { port: 5432 }),
  classifiedEdge('a/api', 'b/cache', { port: 6379, class: 'unauthorized', state: 'denied' }),
  classifiedEdge('a/web', 'b/db', { port: 5432, class: 'unused', observed: null }),
  classifiedEdge('world', 'a/web', { class: 'unauthorized', state: 'unprotected' }),
];
const graph: ClassifiedGraph = {
  nodes,
  edges,
  unusedRules: [],
  wildcardRules: [],
  summary: { nodes: 5, edges: 5, allowed: 2, unauthorized: 2, denied: 1, unprotected: 1, unused: 1, infra: 0, unusedRules: 0, danglingRules: 0, wildcardRules: 0 },
  window: {},
  trafficRange: null,
  notes: [],
};

describe('aggregateNamespaces', () => {
  test('collapsing b folds its edges into one summary edge per drawn pair, counted per class', () => {
    const v = aggregateNamespaces(nodes, edges, new Set(['b']));
    expect(v.nodes.map((n) => n.id)).toEqual(['a/web', 'a/api', 'world']);
    expect(v.edges.map((e) => e.id)).toEqual([edges[0]!.id, edges[4]!.id]);
    expect(v.collapsed).toEqual([{ id: 'ns:b', namespace: 'b', workloads: 2, unprotected: { ingress: 0, egress: 0 } }]);
    expect(v.summaryEdges).toEqual([
      { id: 'a/api|ns:b', source: 'a/api', destination: 'ns:b', counts: { allowed: 1, denied: 1, unprotected: 0, unused: 0 }, total: 2 },
      { id: 'a/web|ns:b', source: 'a/web', destination: 'ns:b', counts: { allowed: 0, denied: 0, unprotected: 0, unused: 1 }, total: 1 },
    ]);
  });

  test('collapsing both namespaces keeps peers outside namespaces', () => {
    const v = aggregateNamespaces(nodes, edges, new Set(['a', 'b']));
    expect(v.nodes.map((n) => n.id)).toEqual(['world']);
    expect(v.summaryEdges.map((s) => `${s.id}=${s.total}`)).toEqual(['ns:a|ns:a=1', 'ns:a|ns:b=3', 'world|ns:a=1']);
    expect(v.collapsed.find((c) => c.namespace === 'a')!.unprotected.ingress).toBe(1);
  });
});

describe('buildGraphView', () => {
  test.each([
    { collapseAbove: 100, expand: [], collapsed: [] },
    { collapseAbove: 3, expand: [], collapsed: ['a', 'b'] },
    { collapseAbove: 3, expand: ['a'], collapsed: ['b'] },
  ])('threshold $collapseAbove, expanded $expand -> collapsed $collapsed', ({ collapseAbove, expand, collapsed }) => {
    const v = buildGraphView(graph, {}, { collapseAbove, expand });
    expect(v.collapsed.map((c) => c.namespace)).toEqual(collapsed);
    expect(v.visible).toEqual({ nodes: 5, edges: 5 });
    expect(v.summary).toBe(graph.summary);
  });

  test('filters apply before aggregation', () => {
    const v = buildGraphView(graph, { classes: ['unauthorized'] }, { collapseAbove: 0 });
    expect(v.summaryEdges.reduce((n, s) => n + s.total, 0)).toBe(2);
  });
});
