import { describe, expect, test } from 'vitest';
import { apiClassesFor, parseViewState, toBlastApiQuery, toGraphApiQuery, toSearchParams, type ViewState } from './view-state';

const SNAPSHOT = '5d89f3a7-e14e-4d1a-893f-48f4a606f614';
const defaults = parseViewState(new URLSearchParams());

describe('view state in the URL', () => {
  test.each<{ name: string; patch: Partial<ViewState> }>([
    { name: 'defaults', patch: {} },
    { name: 'unauthorized filter and a selected edge', patch: { show: ['denied', 'unprotected'], selection: { kind: 'edge', id: 'shop/frontend|shop/db|5432|TCP' } } },
    { name: 'every graph filter', patch: { namespaces: ['shop', 'kube-system'], port: 5432, protocol: 'TCP', method: 'GET', path: '/api/*', search: 'app=db', from: '2026-03-12T09:30:00.000Z', to: '2026-03-12T09:45:00.000Z', hideInfra: true, hideExternal: true } },
    { name: 'blast radius mode', patch: { mode: 'blast', start: ['shop/frontend'], target: 'shop/db', direction: 'exposure', observedOnly: true, pivotThroughInfra: true, maxHops: 3 } },
    { name: 'table sort and namespaces expanded/collapsed', patch: { mode: 'table', sort: 'count', sortDir: 'desc', expand: ['big'], collapse: ['shop'] } },
    { name: 'rules view sorted by last match', patch: { mode: 'rules', ruleSort: 'lastMatched', from: '2026-03-12T09:30:00.000Z' } },
  ])('$name survives a round trip', ({ patch }) => {
    const state = { ...defaults, ...patch };
    const params = toSearchParams(SNAPSHOT, state);
    expect(params.get('snapshot')).toBe(SNAPSHOT);
    expect(parseViewState(params)).toEqual(state);
  });

  test('defaults are left out so shared links stay short', () => {
    expect(toSearchParams(SNAPSHOT, defaults).toString()).toBe(`snapshot=${SNAPSHOT}`);
  });

  test('unknown values in a hand-edited URL fall back to defaults', () => {
    const v = parseViewState(new URLSearchParams('mode=nope&show=allowed,bogus&port=abc&dir=sideways&ruleSort=size'));
    expect(v).toMatchObject({ mode: 'graph', show: ['allowed'], port: undefined, sortDir: 'asc', ruleSort: 'rule' });
  });
});

describe('API queries', () => {
  test.each([
    { show: [], expected: [] },
    { show: ['allowed', 'denied', 'unprotected', 'unused'], expected: [] },
    { show: ['denied'], expected: ['unauthorized'] },
    { show: ['denied', 'unprotected'], expected: ['unauthorized'] },
    { show: ['allowed', 'unprotected'], expected: ['allowed', 'unauthorized'] },
  ] as const)('edge kinds $show ask the API for classes $expected', ({ show, expected }) => {
    expect(apiClassesFor(show)).toEqual(expected);
  });

  test('the graph query uses graphQuerySchema names with sorted keys (one cache entry per view)', () => {
    const q = toGraphApiQuery({ ...defaults, show: ['denied'], namespaces: ['shop'], hideInfra: true, selection: { kind: 'node', id: 'shop/db' }, mode: 'table' });
    expect(q).toBe('class=unauthorized&hideInfra=1&ns=shop');
  });

  test('blast radius is only queried in its mode with a start', () => {
    expect(toBlastApiQuery({ ...defaults, start: ['shop/frontend'] })).toBeNull();
    expect(toBlastApiQuery({ ...defaults, mode: 'blast' })).toBeNull();
    expect(toBlastApiQuery({ ...defaults, mode: 'blast', start: ['shop/frontend'], maxHops: 2 })).toBe('start=shop%2Ffrontend&direction=blast&maxHops=2');
  });

  test('pivoting through infrastructure is off unless the URL asks for it, and then reaches the API', () => {
    const blast = { ...defaults, mode: 'blast' as const, start: ['shop/frontend'] };
    expect(defaults.pivotThroughInfra).toBe(false);
    expect(toBlastApiQuery(blast)).not.toContain('pivotThroughInfra');
    const pivoting = parseViewState(new URLSearchParams(`mode=blast&start=shop%2Ffrontend&pivotThroughInfra=1`));
    expect(pivoting.pivotThroughInfra).toBe(true);
    expect(toBlastApiQuery(pivoting)).toBe('start=shop%2Ffrontend&direction=blast&pivotThroughInfra=1');
  });
});
