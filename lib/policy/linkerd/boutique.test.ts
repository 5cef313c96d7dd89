// Online Boutique, Linkerd variant: fixtures/boutique/policies/linkerd-policies.yaml against fixtures/boutique/answer-key.json
// (the boutique pods run linkerd-proxy in this variant, see fixtures/boutique/README.md).
import { describe, expect, test } from 'vitest';
import { createEvaluator } from '../index';
import { boutiqueRequest, loadBoutique } from '../mesh/boutique';
import { connection } from '../mesh/testing';
import { linkerdLayerFactory } from './index';

const { inventory, objects, edges } = loadBoutique('linkerd-policies.yaml', '', 'linkerd');
const evaluator = createEvaluator(inventory, objects, {}, [linkerdLayerFactory]);
const reachable = edges.filter((e) => e.classification !== 'observed_but_unauthorized' && !e.source.includes('<'));
const unauthorized = edges.filter((e) => e.classification === 'observed_but_unauthorized');

describe('Online Boutique, Linkerd', () => {
  test.each(reachable.flatMap((e) => [[e.id, e, true], [e.id, e, false]] as const))('%s is allowed (with request: %#)', (_id, e, withRequest) => {
    const v = evaluator.value.evaluate(connection(inventory, e.source, e.destination, e.port, withRequest ? boutiqueRequest(e.destination) : undefined));
    expect(v.verdict, v.summary).toBe('allowed');
    expect(v.layers.map((l) => l.layer)).toEqual(['linkerd']);
  });

  test.each(unauthorized.flatMap((e) => [[e.id, e, true], [e.id, e, false]] as const))('%s is denied (with request: %#)', (_id, e, withRequest) => {
    const v = evaluator.value.evaluate(connection(inventory, e.source, e.destination, e.port, withRequest ? boutiqueRequest(e.destination) : undefined));
    expect(v.verdict, v.summary).toBe('denied');
  });

  test('E4 is authorized on the Server selected by the named port grpc', () => {
    const d = evaluator.value.evaluate(connection(inventory, 'boutique/frontend', 'boutique/currencyservice', 7000)).layers[0];
    expect(d?.rules).toEqual([{ kind: 'AuthorizationPolicy', namespace: 'boutique', name: 'currencyservice-clients' }]);
  });

  test('E1 is authorized by frontend-public, a wildcard rule (any client from 0.0.0.0/0 and ::/0); E14 by an identity rule', () => {
    const e1 = evaluator.value.evaluate(connection(inventory, 'boutique/loadgenerator', 'boutique/frontend', 8080)).layers[0];
    expect(e1?.rules).toEqual([{ kind: 'AuthorizationPolicy', namespace: 'boutique', name: 'frontend-public', wildcard: true }]);
    const e14 = evaluator.value.evaluate(connection(inventory, 'boutique/checkoutservice', 'boutique/paymentservice', 50051)).layers[0];
    expect(e14?.rules).toEqual([{ kind: 'AuthorizationPolicy', namespace: 'boutique', name: 'paymentservice-grpc-authz' }]);
  });

  test('E17 is authorized by the legacy ServerAuthorization', () => {
    const d = evaluator.value.evaluate(connection(inventory, 'boutique/cartservice', 'boutique/redis-cart', 6379)).layers[0];
    expect(d?.rules).toEqual([{ kind: 'ServerAuthorization', namespace: 'boutique', name: 'redis-cart-from-cartservice' }]);
  });

  test('U3: the unmeshed debug pod has no identity, and the explanation says so', () => {
    const d = evaluator.value.evaluate(connection(inventory, 'tools/netshoot-debug', 'boutique/cartservice', 7070)).layers[0];
    expect(d?.basis).toBe('no-match');
    expect(d?.reason).toMatch(/no linkerd-proxy sidecar.*no identity/);
  });

  test('a port without a Server falls back to the namespace default deny', () => {
    const d = evaluator.value.evaluate(connection(inventory, 'boutique/frontend', 'boutique/cartservice', 9999)).layers[0];
    expect(d?.outcome).toBe('denied');
    expect(d?.rules).toEqual([{ kind: 'Namespace', name: 'boutique', path: 'metadata.annotations[config.linkerd.io/default-inbound-policy]' }]);
  });

  test('A2: the fraudservice identity is flagged as dangling', () => {
    const dangling = evaluator.diagnostics.filter((d) => d.code === 'dangling-identity');
    expect(dangling.map((d) => d.message)).toEqual([expect.stringContaining('fraudservice.boutique.serviceaccount.identity.linkerd.cluster.local')]);
  });
});
