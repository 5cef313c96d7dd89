import { beforeAll, describe, expect, test } from 'vitest';
import { computeFindings, statusClassOf, type Findings } from './index';
import { loadBoutiqueInput, observed } from './testing/boutique-timeline';
import { readBoutiqueEdges } from '../graph/testing/boutique';

describe('statusClassOf', () => {
  test.each([
    ['denied:403', 'forbidden'],
    ['denied:grpc-7', 'forbidden'],
    ['rbac_denied', 'forbidden'],
    ['denied:401', 'unauthenticated'],
    ['denied:grpc-16', 'unauthenticated'],
    ['error:UF', 'server-error'],
    ['dropped:POLICY_DENIED', 'dropped'],
    ['forwarded', 'ok'],
  ])('%s is %s', (verdict, cls) => expect(statusClassOf(verdict)).toBe(cls));
});

/** An L7 edge with an admin path and mixed outcomes, next to the demo's L4/gRPC edges. */
const adminCalls = observed('boutique/frontend', 'boutique/cartservice', 7070, {
  count: 10,
  verdicts: { forwarded: 6, 'denied:403': 3, 'error:UF': 1 },
  method: 'POST',
  pathTemplate: '/admin/carts/{id}',
});

describe('API inventory of the Online Boutique', () => {
  let f: Findings;
  beforeAll(async () => {
    f = computeFindings(await loadBoutiqueInput([], [...readBoutiqueEdges(), adminCalls]));
  });
  const service = (name: string) => f.apiInventory.find((s) => s.service === name)!;

  test('paymentservice: L4 operation 50051/TCP, callers checkoutservice and (blocked) frontend, governing rules', () => {
    const p = service('boutique/paymentservice');
    expect(p.operations.map((o) => o.operation)).toEqual(['50051/TCP']);
    expect(p.callers.map((c) => c.source).sort()).toEqual(['boutique/checkoutservice', 'boutique/frontend']);
    // The allowing rule of the good call, and what isolates paymentservice against the blocked one.
    expect(p.rules).toEqual(expect.arrayContaining(['NetworkPolicy/boutique/paymentservice#ingress[0].from[0]', 'NetworkPolicy/boutique/paymentservice']));
    expect(p.status.counts.dropped).toBeGreaterThan(0);
    expect(p.status.shares.ok + p.status.shares.dropped).toBeCloseTo(1);
  });

  test('cartservice: the admin path is an operation with its status shares; the service is sensitive (admin path)', () => {
    const c = service('boutique/cartservice');
    const admin = c.operations.find((o) => o.path === '/admin/carts/{id}');
    expect(admin).toMatchObject({ operation: 'POST /admin/carts/{id}', count: 10, callers: [{ source: 'boutique/frontend', count: 10 }] });
    expect(admin!.status.shares).toMatchObject({ ok: 0.6, forbidden: 0.3, 'server-error': 0.1 });
    expect(c.sensitivity?.categories).toContain('admin');
  });

  test('sensitivity: redis-cart is a data store, paymentservice a payment service; neither is a crown jewel without a tag', () => {
    const byName = new Map(f.sensitivity.map((s) => [s.workload, s]));
    expect(byName.get('boutique/redis-cart')).toMatchObject({ level: 'sensitive', categories: ['data-store'] });
    expect(byName.get('boutique/paymentservice')).toMatchObject({ level: 'sensitive', categories: ['payment'] });
    expect(byName.has('boutique/adservice')).toBe(false);
  });

  test('a user tag makes a crown jewel', async () => {
    const tagged = computeFindings({ ...(await loadBoutiqueInput()), crownJewelTags: ['boutique/adservice'] });
    expect(tagged.sensitivity.find((s) => s.workload === 'boutique/adservice')).toMatchObject({ level: 'crown-jewel' });
  });
});
