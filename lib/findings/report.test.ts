import { beforeAll, describe, expect, test } from 'vitest';
import { generateDraft } from '../draft';
import { analyzeSnapshot, compareSnapshots, computeFindings, layoutLayers, renderReportHtml } from './index';
import { laterEdges, loadBoutiqueInput, newCheckoutToRecommendation } from './testing/boutique-timeline';

describe('layoutLayers', () => {
  test.each([
    { name: 'chain', edges: [['a', 'b'], ['b', 'c']], layers: { a: 0, b: 1, c: 2 } },
    { name: 'longest path wins', edges: [['a', 'c'], ['a', 'b'], ['b', 'c']], layers: { a: 0, b: 1, c: 2 } },
    { name: 'cycle', edges: [['a', 'b'], ['b', 'a']], layers: { a: 0, b: 1 } },
  ])('$name', ({ edges, layers }) => {
    const nodes = layoutLayers(Object.keys(layers), edges.map(([source, destination]) => ({ source: source!, destination: destination! })));
    expect(Object.fromEntries(nodes.map((n) => [n.id, n.layer]))).toEqual(layers);
  });
});

describe('the HTML report of the Online Boutique', () => {
  let html: string;
  let appEdges: number;
  beforeAll(async () => {
    const baselineInput = await loadBoutiqueInput();
    const current = analyzeSnapshot(await loadBoutiqueInput([], laterEdges([newCheckoutToRecommendation])));
    const findings = computeFindings(current, { environment: { fallback: 'prod' } });
    appEdges = findings.analyzed.graph.edges.filter((e) => e.infra === null).length;
    const draft = generateDraft({ inventory: current.input.inventory, edges: current.input.edges });
    html = renderReportHtml({
      findings,
      title: 'boutique <second>',
      snapshot: { name: 'second', cluster: 'boutique-prod', environment: 'prod' },
      comparison: compareSnapshots(analyzeSnapshot(baselineInput), current),
      baselineName: 'first',
      draftYaml: draft.yaml,
      generatedAt: '2026-03-19T10:00:00Z',
    });
  });

  test.each(['summary', 'graph', 'unauthorized', 'unused', 'riskiest', 'environment-leaks', 'new-callers', 'api-inventory', 'drafted-policies'])('has the %s section', (id) => {
    expect(html).toContain(`<section id="${id}">`);
  });

  test('is self-contained: no script, no external asset', () => {
    expect(html).not.toMatch(/<script|<link|src="http|href="http|url\(http/i);
    expect(html).toContain('<svg');
  });

  test('escapes user text and lists the facts', () => {
    expect(html).toContain('boutique &lt;second&gt;');
    expect(html).not.toContain('boutique <second>');
    expect(html).toContain('boutique/frontend'); // U1 source, unauthorized
    expect(html).toMatch(/New callers since first[\s\S]*boutique\/checkoutservice[\s\S]*boutique\/recommendationservice/);
    expect(html).toContain('kind: NetworkPolicy');
  });

  test('the graph draws one line per application edge', () => {
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(appEdges).toBeGreaterThan(10);
    expect((svg.match(/<line [^>]*marker-end/g) ?? []).length).toBe(appEdges);
  });
});
