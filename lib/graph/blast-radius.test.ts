import { describe, expect, test } from 'vitest';
import { computeBlastRadius, computeExposure, rankRiskiestWorkloads, toAdjacency, type ReachEdge } from './blast-radius';

const edge = (source: string, destination: string, port: number): ReachEdge => ({ source, destination, port, protocol: 'TCP' });

// frontend → checkout → payment; frontend → cart → redis; checkout → cart (a second, longer way to cart).
const shop: ReachEdge[] = [
  edge('shop/frontend', 'shop/checkout', 5050),
  edge('shop/checkout', 'shop/payment', 50051),
  edge('shop/frontend', 'shop/cart', 7070),
  edge('shop/cart', 'shop/redis', 6379),
  edge('shop/checkout', 'shop/cart', 7070),
];

describe('computeBlastRadius', () => {
  test('reports the minimum hop count and a shortest path with ports', () => {
    const result = computeBlastRadius(toAdjacency(shop), ['shop/frontend']);
    expect(result.reached.map((r) => [r.workload, r.hops])).toEqual([
      ['shop/cart', 1],
      ['shop/checkout', 1],
      ['shop/payment', 2],
      ['shop/redis', 2],
    ]);
    const payment = result.reached.find((r) => r.workload === 'shop/payment');
    expect(payment?.path).toEqual([
      { from: 'shop/frontend', to: 'shop/checkout', port: 5050, protocol: 'TCP' },
      { from: 'shop/checkout', to: 'shop/payment', port: 50051, protocol: 'TCP' },
    ]);
  });

  test('stops at maxHops', () => {
    const result = computeBlastRadius(toAdjacency(shop), ['shop/frontend'], { maxHops: 1 });
    expect(result.reached.map((r) => r.workload)).toEqual(['shop/cart', 'shop/checkout']);
  });

  test('several compromised workloads are one start set and are not reported as reached', () => {
    const result = computeBlastRadius(toAdjacency(shop), ['shop/cart', 'shop/checkout']);
    expect(result.reached.map((r) => r.workload)).toEqual(['shop/payment', 'shop/redis']);
  });

  test('flags crown jewels', () => {
    const result = computeBlastRadius(toAdjacency(shop), ['shop/frontend'], { crownJewels: new Set(['shop/redis']) });
    expect(result.reached.filter((r) => r.crownJewel).map((r) => r.workload)).toEqual(['shop/redis']);
  });

  test('cycles terminate', () => {
    const result = computeBlastRadius(toAdjacency([edge('a/x', 'a/y', 1), edge('a/y', 'a/x', 1)]), ['a/x']);
    expect(result.reached.map((r) => r.workload)).toEqual(['a/y']);
  });
});

describe('computeExposure', () => {
  test('lists who reaches the target, with paths that read source → target', () => {
    const result = computeExposure(toAdjacency(shop, 'reverse'), ['shop/redis']);
    expect(result.reached.map((r) => [r.workload, r.hops])).toEqual([
      ['shop/cart', 1],
      ['shop/checkout', 2],
      ['shop/frontend', 2],
    ]);
    expect(result.reached.find((r) => r.workload === 'shop/checkout')?.path.map((h) => `${h.from}>${h.to}`)).toEqual(['shop/checkout>shop/cart', 'shop/cart>shop/redis']);
  });
});

describe('rankRiskiestWorkloads', () => {
  test('ranks by reach, then by crown jewels reached', () => {
    const workloads = ['shop/frontend', 'shop/checkout', 'shop/cart', 'shop/payment', 'shop/redis'];
    const ranked = rankRiskiestWorkloads(toAdjacency(shop), workloads, { crownJewels: new Set(['shop/payment']), limit: 3 });
    expect(ranked.map((r) => [r.workload, r.reachable, r.crownJewelsReached])).toEqual([
      ['shop/frontend', 4, ['shop/payment']],
      ['shop/checkout', 3, ['shop/payment']],
      ['shop/cart', 1, []],
    ]);
    expect(ranked[0]?.share).toBe(1);
  });
});
