import { describe, expect, test } from 'vitest';
import { classifyGraph, compactGraph, explainEdge, explainEdges, parseEdgeId } from './index';
import { loadBoutique, readBoutiqueEdges } from './testing/boutique';

/**
 * The graph API keeps the classification without explanations and explains one edge on demand: the edge it
 * explains must be the one `classifyGraph` built, for observed and unused edges, in any window.
 */
describe.each([
  { name: 'NetworkPolicy', files: ['policies/networkpolicy.yaml'] },
  { name: 'NetworkPolicy + ANP/BANP', files: ['policies/networkpolicy.yaml', 'policies/adminnetworkpolicy-v1alpha1.yaml'] },
  { name: 'Istio', files: ['policies/istio-policies.yaml'] },
  { name: 'Calico', files: ['policies/calico-policies.yaml'] },
])('explainEdges on the Online Boutique with $name', ({ files }) => {
  test.each([{ window: {} }, { window: { from: '2026-03-12T09:41:00.000Z', to: '2026-03-12T09:41:45.000Z' } }])('window $window', async ({ window }) => {
    const { inventory, evaluator, diagnostics } = await loadBoutique(files);
    const edges = await readBoutiqueEdges();
    const input = { inventory, evaluator, edges, window, diagnostics };
    const graph = classifyGraph(input);
    expect(graph.edges.some((e) => e.class === 'unused')).toBe(true);
    expect(explainEdges(input, graph.edges.map((e) => e.id))).toEqual(graph.edges);
    expect(compactGraph(graph).edges.map((e) => ({ ...e, explanation: explainEdge(input, e.id)!.explanation }))).toEqual(graph.edges);
  });
});

describe('edges the graph does not have', () => {
  test.each([
    { id: 'boutique/frontend|boutique/paymentservice|9999|TCP', why: 'a port nothing grants and nobody used' },
    { id: 'boutique/frontend|boutique/paymentservice|50051', why: 'not an edge id' },
    { id: 'a|b|70000|TCP', why: 'port out of range' },
    { id: 'a|b|80|ICMP', why: 'unknown protocol' },
  ])('$why -> null', async ({ id }) => {
    const { inventory, evaluator } = await loadBoutique();
    expect(explainEdge({ inventory, evaluator, edges: await readBoutiqueEdges() }, id)).toBeNull();
  });

  test('ids parse from the right parts', () => {
    expect(parseEdgeId('boutique/a|ip:10.0.0.1|53|UDP')).toEqual({ source: 'boutique/a', destination: 'ip:10.0.0.1', port: 53, protocol: 'UDP' });
  });
});
