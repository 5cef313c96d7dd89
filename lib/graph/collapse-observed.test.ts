import { describe, expect, test } from 'vitest';
import { collapseObservedEdges, overlapsWindow } from './index';
import { observedEdge } from './testing/builders';

const getCheckout = observedEdge({ source: 'shop/frontend', destination: 'shop/checkout', method: 'GET', pathTemplate: '/api/cart', count: 5, verdicts: { forwarded: 5 }, firstSeen: '2026-03-12T09:31:00Z', lastSeen: '2026-03-12T09:35:00Z', observedBy: ['istio'] });
const postCheckout = observedEdge({ source: 'shop/frontend', destination: 'shop/checkout', method: 'POST', pathTemplate: '/api/order', count: 2, verdicts: { forwarded: 1, 'denied:403': 1 }, firstSeen: '2026-03-12T09:30:30Z', lastSeen: '2026-03-12T09:44:00Z', observedBy: ['hubble'] });
const l4Checkout = observedEdge({ source: 'shop/frontend', destination: 'shop/checkout', count: 3, verdicts: { forwarded: 3 }, firstSeen: '2026-03-12T09:32:00Z', lastSeen: '2026-03-12T09:33:00Z' });
const otherPort = observedEdge({ source: 'shop/frontend', destination: 'shop/checkout', port: 9090, count: 1 });

describe('collapseObservedEdges (pass 1)', () => {
  test('per-route edges collapse into one workload edge with the routes as operations', () => {
    const [edge, ...rest] = collapseObservedEdges([getCheckout, postCheckout, l4Checkout]);
    expect(rest).toHaveLength(0);
    expect(edge).toMatchObject({
      id: 'shop/frontend|shop/checkout|8080|TCP',
      // hubble's two routes add up (2 + 3); istio saw the same traffic (5): it counts once, verdicts by maximum
      observed: { count: 5, firstSeen: '2026-03-12T09:30:30Z', lastSeen: '2026-03-12T09:44:00Z', verdicts: { forwarded: 5, 'denied:403': 1 } },
      observedBy: ['hubble', 'istio'],
    });
    expect(edge!.operations).toEqual([
      { method: 'GET', path: '/api/cart', count: 5, verdicts: { forwarded: 5 } },
      { method: 'POST', path: '/api/order', count: 2, verdicts: { forwarded: 1, 'denied:403': 1 } },
    ]);
  });

  test('different destination ports stay different edges', () => {
    expect(collapseObservedEdges([l4Checkout, otherPort]).map((e) => e.port)).toEqual([8080, 9090]);
  });

  test('requests and connections are never added together: the best unit present counts', () => {
    const connections = observedEdge({ source: 'shop/frontend', destination: 'shop/checkout', countUnit: 'connections', count: 40 });
    const [edge] = collapseObservedEdges([getCheckout, connections]);
    expect(edge!.observed.count).toBe(5);
  });

  test.each([
    { window: {}, expected: 3, count: 5, reason: 'no window keeps everything' },
    { window: { from: '2026-03-12T09:34:00Z' }, expected: 2, count: 5, reason: 'edges that ended before `from` are dropped' },
    { window: { to: '2026-03-12T09:30:45Z' }, expected: 1, count: 2, reason: 'edges that started after `to` are dropped' },
    { window: { from: '2026-03-12T09:45:00Z' }, expected: 0, count: 0, reason: 'nothing after the capture' },
  ])('window $window: $expected edges ($reason)', ({ window, expected, count }) => {
    expect([getCheckout, postCheckout, l4Checkout].filter((e) => overlapsWindow(e, window))).toHaveLength(expected);
    const collapsed = collapseObservedEdges([getCheckout, postCheckout, l4Checkout], window);
    expect(collapsed.reduce((n, e) => n + e.observed.count, 0)).toBe(count);
  });
});
