import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import { loadManifestPaths } from '../manifest';
import { createEvaluator } from '../policy';
import { computeBlastRadius, toAdjacency } from './blast-radius';
import { computeObservedReachEdges, computePotentialReachEdges, workloadNames } from './reach-edges';
import { BOUTIQUE_DIR, readBoutiqueEdges } from './testing/boutique';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

async function potentialFrom(files: string[], from: string) {
  const loaded = await loadManifestPaths(files);
  const inventory = buildInventory(loaded.value).value;
  const evaluator = createEvaluator(inventory, loaded.value).value;
  const reached = computeBlastRadius(toAdjacency(computePotentialReachEdges(inventory, evaluator)), [from]).reached;
  return { inventory, hops: Object.fromEntries(reached.map((r) => [r.workload, r.hops])), reached };
}

describe('seed scenario', () => {
  const cluster = path.join(FIXTURES, 'blast/seed-cluster.yaml');

  test('in a flat cluster a compromised frontend reaches the database and paymentservice directly', async () => {
    const { hops } = await potentialFrom([cluster], 'backend/frontend');
    expect(hops['backend/database']).toBe(1);
    expect(hops['backend/paymentservice']).toBe(1);
  });

  test('after default-deny + allow policies it reaches only its explicit target', async () => {
    const { hops } = await potentialFrom([cluster, path.join(FIXTURES, 'blast/seed-policies.yaml')], 'backend/frontend');
    expect(hops).toEqual({ 'backend/api-gateway': 1 });
  });
});

describe('Online Boutique', () => {
  const cluster = path.join(BOUTIQUE_DIR, 'kubernetes/cluster-state.json');

  test('without policies, a compromised frontend reaches paymentservice and redis-cart in one hop', async () => {
    const { hops } = await potentialFrom([cluster], 'boutique/frontend');
    expect(hops['boutique/paymentservice']).toBe(1);
    expect(hops['boutique/redis-cart']).toBe(1);
  });

  test('with the NetworkPolicies, it reaches them only through checkoutservice and cartservice', async () => {
    const { reached } = await potentialFrom([cluster, path.join(BOUTIQUE_DIR, 'policies/networkpolicy.yaml')], 'boutique/frontend');
    const payment = reached.find((r) => r.workload === 'boutique/paymentservice');
    const redis = reached.find((r) => r.workload === 'boutique/redis-cart');
    expect(payment?.path.map((h) => `${h.to}:${h.port}`)).toEqual(['boutique/checkoutservice:5050', 'boutique/paymentservice:50051']);
    expect(redis?.path.map((h) => `${h.to}:${h.port}`)).toEqual(['boutique/cartservice:7070', 'boutique/redis-cart:6379']);
  });

  test('observed reach ignores blocked attempts (U1, U2 were dropped)', async () => {
    const loaded = await loadManifestPaths([cluster]);
    const inventory = buildInventory(loaded.value).value;
    const observed = computeObservedReachEdges(readBoutiqueEdges(), new Set(workloadNames(inventory)));
    expect(observed.some((e) => e.source === 'boutique/frontend' && e.destination === 'boutique/paymentservice')).toBe(false);
    const reached = computeBlastRadius(toAdjacency(observed), ['boutique/frontend']).reached;
    expect(reached.find((r) => r.workload === 'boutique/paymentservice')?.hops).toBe(2);
    expect(reached.find((r) => r.workload === 'boutique/redis-cart')?.hops).toBe(2);
  });
});
