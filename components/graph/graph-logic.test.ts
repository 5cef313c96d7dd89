import { describe, expect, test } from 'vitest';
import { sortEdgeRows, toCsv, toEdgeRow } from './edge-rows';
import { frontendToDbDenied, frontendToPayment, paymentToDbUnused, shopView, world, worldToDbUnprotected } from './testing/fixtures';
import { toElements } from './to-elements';
import { parseViewState, type ViewState } from './view-state';
import { toVisibleGraph } from './visible-graph';

const defaults = parseViewState(new URLSearchParams());
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe('toVisibleGraph (the filters the API does not have)', () => {
  test.each<{ name: string; patch: Partial<ViewState>; edges: string[]; nodes: string[] }>([
    { name: 'no filter keeps everything', patch: {}, edges: ids([frontendToPayment, frontendToDbDenied, worldToDbUnprotected, paymentToDbUnused]), nodes: ['shop/db', 'shop/frontend', 'shop/payment', 'world'] },
    { name: 'denied only drops the unprotected sub-state and nodes left without edges', patch: { show: ['denied'] }, edges: [frontendToDbDenied.id], nodes: ['shop/db', 'shop/frontend'] },
    { name: 'hide external peers drops world and its edges', patch: { hideExternal: true }, edges: ids([frontendToPayment, frontendToDbDenied, paymentToDbUnused]), nodes: ['shop/db', 'shop/frontend', 'shop/payment'] },
  ])('$name', ({ patch, edges, nodes }) => {
    const g = toVisibleGraph(shopView, { ...defaults, ...patch });
    expect(ids(g.edges)).toEqual(edges);
    expect(ids(g.nodes)).toEqual(nodes);
  });
});

describe('toElements', () => {
  const graph = toVisibleGraph(shopView, defaults);

  test('workloads sit in namespace compound nodes; every styled data field is set', () => {
    const els = toElements(graph);
    expect(els.find((e) => e.data.id === 'shop/db')?.data).toMatchObject({ parent: 'nsbox:shop', kind: 'workload', unprotected: 'ingress' });
    expect(els.find((e) => e.data.id === 'world')?.data.parent).toBeUndefined();
    expect(els.filter((e) => e.data.kind === 'namespace').map((e) => e.data.id)).toEqual(['nsbox:shop']);
    for (const e of els) for (const field of ['label', 'kind', 'unprotected', 'blastLabel', 'portLabel', 'width'] as const) expect(e.data[field], `${e.data.id}.${field}`).toBeDefined();
    expect(els.find((e) => e.data.id === frontendToDbDenied.id)?.data.kind).toBe('denied');
  });

  test('blast radius: hop classes, unreached dimmed, the path to the target overlaid', () => {
    const reached = [
      { workload: 'shop/payment', hops: 1, path: [{ from: 'shop/frontend', to: 'shop/payment', port: 50051, protocol: 'TCP' as const }], crownJewel: false },
      { workload: 'shop/db', hops: 2, crownJewel: true, path: [{ from: 'shop/frontend', to: 'shop/payment', port: 50051, protocol: 'TCP' as const }, { from: 'shop/payment', to: 'shop/db', port: 5432, protocol: 'TCP' as const }] },
    ];
    const els = toElements(graph, { direction: 'blast', start: ['shop/frontend'], reached, target: 'shop/db' });
    const classes = (id: string) => els.find((e) => e.data.id === id)?.classes.split(' ') ?? [];
    expect(classes('shop/frontend')).toContain('hop-0');
    expect(classes('shop/payment')).toContain('hop-1');
    expect(classes('shop/db')).toEqual(expect.arrayContaining(['hop-2', 'crown', 'target']));
    expect(classes('world')).toContain('dimmed');
    expect(classes(frontendToPayment.id)).toContain('on-path');
    expect(els.filter((e) => e.data.kind === 'path')).toHaveLength(2);
    expect(els.find((e) => e.data.id === 'shop/db')?.data.blastLabel).toBe('★ db\nhop 2');
    expect(els.find((e) => e.data.id === 'shop/frontend')?.data.blastLabel).toBe('frontend\ncompromised');
  });
});

describe('table rows and CSV', () => {
  const rows = shopView.edges.map(toEdgeRow);

  test.each([
    { sort: 'kind', dir: 'asc' as const, first: frontendToDbDenied.id },
    { sort: 'count', dir: 'desc' as const, first: frontendToPayment.id },
    { sort: 'count', dir: 'asc' as const, first: paymentToDbUnused.id },
    { sort: 'source', dir: 'asc' as const, first: frontendToDbDenied.id },
  ])('sort by $sort $dir puts $first first', ({ sort, dir, first }) => {
    expect(sortEdgeRows(rows, sort, dir)[0]?.id).toBe(first);
  });

  test('CSV: RFC 4180 quoting, class and sub-state columns, one line per row', () => {
    const csv = toCsv(sortEdgeRows(rows, 'kind', 'asc'));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1]).toBe('shop/frontend,shop/db,5432,TCP,unauthorized,denied,3,2026-03-12T09:41:00.000Z,2026-03-12T09:42:00.000Z,forwarded:3,NetworkPolicy/shop/db#ingress[0],"unauthorized, ""quoted"", with comma"');
    expect(lines.at(-1)).toMatch(/^shop\/payment,shop\/db,5432,TCP,unused,,0,,,/);
  });
});

describe('toElements with collapsed namespaces', () => {
  test('a collapsed namespace shows the nearest hop of the workloads it hides', () => {
    const graph = { nodes: [], edges: [], summaryEdges: [], collapsed: [{ id: 'ns:shop', namespace: 'shop', workloads: 3, unprotected: { ingress: 1, egress: 0 } }, { id: 'ns:other', namespace: 'other', workloads: 1, unprotected: { ingress: 0, egress: 0 } }] };
    const reached = [{ workload: 'shop/db', hops: 2, path: [], crownJewel: false }];
    const els = toElements(graph, { direction: 'blast', start: ['edge/gateway'], reached });
    expect(els.find((e) => e.data.id === 'ns:shop')?.classes).toBe('hop-2');
    expect(els.find((e) => e.data.id === 'ns:other')?.classes).toBe('dimmed');
  });

  test.each([
    { counts: { denied: 1 }, kind: 'denied', label: '1 denied', width: 2.5 },
    { counts: { unused: 2, allowed: 1 }, kind: 'allowed', label: '1 allowed, 2 unused', width: 3.5 },
    { counts: { allowed: 3, unprotected: 4 }, kind: 'unprotected', label: '3 allowed, 4 unprotected', width: 4.5 },
  ])('a summary edge without zero counts: $label', ({ counts, kind, label, width }) => {
    const collapsed = { id: 'ns:shop', namespace: 'shop', workloads: 3, unprotected: { ingress: 0, egress: 0 } };
    const graph = { nodes: [world], edges: [], summaryEdges: [{ source: 'world', destination: 'ns:shop', counts }], collapsed: [collapsed] };
    const edge = toElements(graph).find((e) => e.group === 'edges');
    // The id the selection panel looks the summary up by; the width grows with the total (1.5 + log2(1 + total)).
    expect(edge?.data).toMatchObject({ id: 'summary:world|ns:shop', source: 'world', target: 'ns:shop', kind, label, width });
  });
});
