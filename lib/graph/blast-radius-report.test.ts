import { describe, expect, test } from 'vitest';
import { prepareBlastRadius, type ReportedWorkload } from './index';
import { observedEdge } from './testing/builders';
import { loadShop } from './testing/shop-cluster';

/**
 * The shop cluster's policies let frontend reach api (gRPC 9090) and api reach db; observed traffic shows
 * what api serves. Services answering sensitive paths count as (suggested) crown jewels in blast radius.
 */
const { inventory, evaluator } = loadShop();
const frontendToApi = (pathTemplate?: string) => observedEdge({ source: 'shop/frontend', destination: 'shop/api', port: 9090, method: 'POST', ...(pathTemplate ? { pathTemplate } : {}) });
const jewels = (reached: readonly ReportedWorkload[]) => reached.filter((r) => r.crownJewel).map((r) => ({ workload: r.workload, suggested: r.suggested ?? false }));

describe('prepareBlastRadius with observed paths', () => {
  test.each([
    { case: 'no L7 traffic: only the tagged db', edges: [frontendToApi()], tags: ['shop/db'], expected: [{ workload: 'shop/db', suggested: false }] },
    { case: 'an ordinary path changes nothing', edges: [frontendToApi('/shop.Api/ListProducts')], tags: ['shop/db'], expected: [{ workload: 'shop/db', suggested: false }] },
    {
      case: 'api seen answering an internal path is a suggested crown jewel',
      edges: [frontendToApi('/internal/ledger')],
      tags: ['shop/db'],
      expected: [
        { workload: 'shop/api', suggested: true },
        { workload: 'shop/db', suggested: false },
      ],
    },
    { case: 'a tag confirms it', edges: [frontendToApi('/shop.Api/ChargeCard')], tags: ['shop/api'], expected: [{ workload: 'shop/api', suggested: false }] },
  ])('$case', ({ edges, tags, expected }) => {
    const prepared = prepareBlastRadius({ inventory, evaluator, edges, crownJewelTags: tags });
    const report = prepared.query({ direction: 'blast', start: ['shop/frontend'] });
    expect(report.reached.map((r) => r.workload)).toEqual(['shop/api', 'shop/db']);
    expect(jewels(report.reached)).toEqual(expected);
    const frontend = prepared.riskiest({ limit: 10 }).find((r) => r.workload === 'shop/frontend');
    expect(frontend?.crownJewelsReached).toEqual(expected.map((e) => e.workload));
  });

  test('the sensitivity list gives the path as the reason, as a suggestion', () => {
    const prepared = prepareBlastRadius({ inventory, evaluator, edges: [frontendToApi('/admin/flags')] });
    expect(prepared.sensitivity.find((f) => f.workload === 'shop/api')).toEqual({ workload: 'shop/api', level: 'sensitive', categories: ['admin'], reasons: [{ kind: 'path', category: 'admin', path: '/admin/flags' }] });
    expect([...prepared.suggestedCrownJewels]).toEqual(['shop/api']);
  });

  test('observed-only reach marks the same suggestion', () => {
    const report = prepareBlastRadius({ inventory, evaluator, edges: [frontendToApi('/admin/flags')] }).query({ direction: 'blast', start: ['shop/frontend'], observedOnly: true });
    expect(jewels(report.observedReached)).toEqual([{ workload: 'shop/api', suggested: true }]);
  });
});
