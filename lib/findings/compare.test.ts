import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeSnapshot, compareSnapshots, type AnalyzedSnapshot, type Comparison } from './index';
import type { ManifestObject } from '../model/manifest';
import { E16, laterEdges, loadBoutiqueInput, newCheckoutToRecommendation, newShippingToPayment } from './testing/boutique-timeline';

const pick = (e: { source: string; destination: string; port: number }) => ({ source: e.source, destination: e.destination, port: e.port });

describe('Online Boutique: baseline vs a later snapshot with one new caller and one removed edge', () => {
  let baseline: AnalyzedSnapshot;
  let comparison: Comparison;
  beforeAll(async () => {
    baseline = analyzeSnapshot(await loadBoutiqueInput());
    const current = analyzeSnapshot(await loadBoutiqueInput([], laterEdges([newCheckoutToRecommendation])));
    comparison = compareSnapshots(baseline, current);
  });

  test('the new caller is the only new caller and the only new edge, with its first-seen time', () => {
    expect(comparison.newCallers.map(pick)).toEqual([pick(newCheckoutToRecommendation)]);
    expect(comparison.newCallers[0]!.firstSeen).toBe(newCheckoutToRecommendation.firstSeen);
    expect(comparison.newEdges.map(pick)).toEqual([pick(newCheckoutToRecommendation)]);
  });

  test('the removed edge is the only edge gone', () => {
    expect(comparison.goneEdges.map(pick)).toEqual([E16]);
  });

  test('the new caller is allowed by policy: nothing new is unauthorized, no policy change', () => {
    expect(comparison.newCallers[0]!.class).toBe('allowed');
    expect(comparison.newUnauthorized).toEqual([]);
    expect(comparison.classChanges).toEqual([]);
    expect(comparison.policyChanges.gained).toEqual([]);
    expect(comparison.policyChanges.lost).toEqual([]);
    expect(comparison.policyChanges.compared).toBeGreaterThan(0);
  });

  test('comparing a snapshot with itself finds nothing', () => {
    const same = compareSnapshots(baseline, baseline);
    expect(same.summary).toEqual({ newCallers: 0, newEdges: 0, goneEdges: 0, newUnauthorized: 0, policyGained: 0, policyLost: 0 });
    expect(same.blastRadius.every((b) => b.delta === 0)).toBe(true);
  });
});

describe('a new caller that no rule allows', () => {
  test('is listed as new and unauthorized (denied)', async () => {
    const baseline = analyzeSnapshot(await loadBoutiqueInput());
    const current = analyzeSnapshot(await loadBoutiqueInput([], laterEdges([newShippingToPayment])));
    const c = compareSnapshots(baseline, current);
    expect(c.newUnauthorized.map(pick)).toEqual([pick(newShippingToPayment)]);
    expect(c.newUnauthorized[0]).toMatchObject({ class: 'unauthorized', state: 'denied' });
  });
});

describe('policy changes are semantic', () => {
  type Np = ManifestObject & { body: { metadata: { name: string }; spec: { ingress: { from: unknown[] }[] } } };
  const isPaymentPolicy = (o: { kind: string; metadata: { name: string } }) => o.kind === 'NetworkPolicy' && o.metadata.name === 'paymentservice';
  const edit = async (change: (np: Np) => Np) => {
    const input = await loadBoutiqueInput();
    const objects = input.objects.map((o) => (isPaymentPolicy(o) ? change(structuredClone(o) as Np) : o));
    return compareSnapshots(analyzeSnapshot(input), analyzeSnapshot({ ...input, objects }));
  };

  test('renaming a policy changes nothing', async () => {
    const c = await edit((np) => {
      np.metadata.name = np.body.metadata.name = 'payments-renamed';
      return np;
    });
    expect(c.policyChanges.gained).toEqual([]);
    expect(c.policyChanges.lost).toEqual([]);
  });

  test('admitting frontend into paymentservice gains exactly frontend -> paymentservice :50051 and grows frontend\'s reach', async () => {
    const c = await edit((np) => {
      np.body.spec.ingress[0]!.from.push({ podSelector: { matchLabels: { app: 'frontend' } } });
      return np;
    });
    expect(c.policyChanges.gained.map((g) => `${g.source} -> ${g.destination}:${g.port}/${g.protocol}`)).toEqual(['boutique/frontend -> boutique/paymentservice:50051/TCP']);
    expect(c.policyChanges.lost).toEqual([]);
    const frontend = c.blastRadius.find((b) => b.workload === 'boutique/frontend');
    expect(frontend === undefined || frontend.delta >= 0).toBe(true);
    expect(c.blastRadius.every((b) => b.delta >= 0)).toBe(true);
  });
});
