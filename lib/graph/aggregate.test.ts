import { describe, expect, test } from 'vitest';
import { aggregateNamespaces, buildGraphView, summaryCount, summaryEdgeId, summaryTotal, type ClassifiedGraph, type UnusedRule, type WildcardRule } from './index';
import { classifiedEdge, graphNode, netpolRule } from './testing/builders';

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
    // Only what the client cannot derive: no id, no total, no zero counts.
    expect(v.summaryEdges).toEqual([
      { source: 'a/api', destination: 'ns:b', counts: { allowed: 1, denied: 1 } },
      { source: 'a/web', destination: 'ns:b', counts: { unused: 1 } },
    ]);
  });

  test('collapsing both namespaces keeps peers outside namespaces', () => {
    const v = aggregateNamespaces(nodes, edges, new Set(['a', 'b']));
    expect(v.nodes.map((n) => n.id)).toEqual(['world']);
    expect(v.summaryEdges.map((s) => `${summaryEdgeId(s)}=${summaryTotal(s)}`)).toEqual(['ns:a|ns:a=1', 'ns:a|ns:b=3', 'world|ns:a=1']);
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
    expect(v.summaryEdges.reduce((n, s) => n + summaryTotal(s), 0)).toBe(2);
  });

  test('the rule lists stay out of the view: it carries their counts only', () => {
    const unused: UnusedRule = { rule: netpolRule('api', 'ingress[0].from[1]'), ref: 'NetworkPolicy/shop/api#ingress[0].from[1]', layer: 'network', lastMatched: null, dangling: true, reason: 'dangling: matches nothing' };
    const wildcard: WildcardRule = { rule: netpolRule('web', 'ingress[0]', true), ref: 'NetworkPolicy/shop/web#ingress[0]', layer: 'network', direction: 'ingress', workloads: ['a/web'], usedBy: 1, lastMatched: null };
    const withRules: ClassifiedGraph = { ...graph, unusedRules: [unused], wildcardRules: [wildcard], summary: { ...graph.summary, danglingRules: 1, wildcardRules: 1 } };
    for (const v of [buildGraphView(withRules), buildGraphView(withRules, { classes: ['unused'] }, { collapseAbove: 0 })]) {
      expect(Object.keys(v).sort()).toEqual(['collapsed', 'edges', 'nodes', 'notes', 'summary', 'summaryEdges', 'trafficRange', 'visible', 'window']);
      expect(v.summary).toMatchObject({ danglingRules: 1, wildcardRules: 1 });
    }
  });
});

describe('summary edges on the client', () => {
  test.each([
    { counts: {}, total: 0, denied: 0 },
    { counts: { denied: 2 }, total: 2, denied: 2 },
    { counts: { allowed: 1, denied: 3, unprotected: 4, unused: 5 }, total: 13, denied: 3 },
  ])('counts $counts -> total $total', ({ counts, total, denied }) => {
    const e = { source: 'world', destination: 'ns:a', counts };
    expect(summaryTotal(e)).toBe(total);
    expect(summaryCount(e, 'denied')).toBe(denied);
    expect(summaryEdgeId(e)).toBe('world|ns:a');
  });
});
