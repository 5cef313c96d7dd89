// The layer combiner: AND of the layers that enforce a connection; conditional when one is and none denies.
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import type { Connection, LayerDecision, LayerName, Outcome, PolicyLayer, PolicyLayerFactory } from '../model';
import { answerReachQuery, createEvaluator, networkLayerFactory } from './index';
import { e2eCluster, toManifests } from './testing/e2e-model';

/** A stand-in mesh layer with a fixed outcome that records the connections it is asked about. */
function fakeLayer(name: LayerName, outcome: Outcome, enforces = true): PolicyLayer & { seen: Connection[] } {
  const seen: Connection[] = [];
  return {
    name,
    seen,
    enforces: () => enforces,
    decide(c): LayerDecision {
      seen.push(c);
      const basis = outcome === 'allowed' ? 'explicit' : outcome === 'denied' ? 'deny-rule' : 'delegated';
      return { layer: name, outcome, basis, directions: [], rules: [{ kind: 'AuthorizationPolicy', namespace: 'x', name: `${name}-rule` }], ...(outcome === 'conditional' ? { conditions: ['CUSTOM provider ext-authz'] } : {}), reason: `${outcome} by AuthorizationPolicy/x/${name}-rule` };
    },
  };
}
const factoryOf = (layer: PolicyLayer | null): PolicyLayerFactory => () => ({ value: layer, diagnostics: [] });

const objects = toManifests(e2eCluster());
const inventory = buildInventory(objects).value;

describe('createEvaluator', () => {
  test.each([
    [['allowed', 'allowed'], 'allowed'],
    [['allowed', 'denied'], 'denied'],
    [['conditional', 'allowed'], 'conditional'],
    [['conditional', 'denied'], 'denied'],
  ] as const)('istio %j + linkerd -> %s', ([istio, linkerd], expected) => {
    const ev = createEvaluator(inventory, objects, {}, [networkLayerFactory, factoryOf(fakeLayer('istio', istio)), factoryOf(fakeLayer('linkerd', linkerd))]).value;
    const r = answerReachQuery(inventory, ev, { from: 'x/a', to: 'y/b', port: 80 });
    expect(r.ok && r.value.verdict).toBe(expected);
    expect(r.ok && r.value.allowed).toBe(expected === 'allowed');
    expect(r.ok && r.value.explanation.layers.map((l) => l.layer)).toEqual(['network', 'istio', 'linkerd']);
  });

  test('layers that do not enforce the connection are left out; null factories take no part', () => {
    const ev = createEvaluator(inventory, objects, {}, [networkLayerFactory, factoryOf(fakeLayer('istio', 'denied', false)), factoryOf(null)]).value;
    expect(ev.layers.map((l) => l.name)).toEqual(['network', 'istio']);
    const r = answerReachQuery(inventory, ev, { from: 'x/a', to: 'y/b', port: 80 });
    expect(r.ok && r.value.explanation.layers.map((l) => l.layer)).toEqual(['network']);
    expect(r.ok && r.value.allowed).toBe(true);
  });

  test('the summary has one clause per layer', () => {
    const ev = createEvaluator(inventory, objects, {}, [networkLayerFactory, factoryOf(fakeLayer('istio', 'denied'))]).value;
    const r = answerReachQuery(inventory, ev, { from: 'x/a', to: 'y/b', port: 80 });
    expect(r.ok && r.value.explanation.summary).toBe('network: allowed by default (not isolated); istio: denied by AuthorizationPolicy/x/istio-rule');
  });

  test('the HTTP request of a query reaches the layers (mesh flags)', () => {
    const istio = fakeLayer('istio', 'allowed');
    const ev = createEvaluator(inventory, objects, {}, [networkLayerFactory, factoryOf(istio)]).value;
    const request = { method: 'GET', path: '/admin', headers: { 'x-user': 'bob' }, requestPrincipal: 'https://issuer/bob' };
    answerReachQuery(inventory, ev, { from: 'x/a', to: 'y/b', port: 'serve-80-tcp', request });
    expect(istio.seen).toEqual([expect.objectContaining({ port: 80, portName: 'serve-80-tcp', protocol: 'TCP', request })]);
  });
});
