// Online Boutique: fixtures/boutique/policies/istio-policies.yaml against fixtures/boutique/answer-key.json.
import { describe, expect, test } from 'vitest';
import { createEvaluator } from '../index';
import { boutiqueRequest, loadBoutique } from '../mesh/boutique';
import { connection } from '../mesh/testing';
import { istioLayerFactory } from './index';

const { inventory, objects, edges } = loadBoutique('istio-policies.yaml');
const evaluator = createEvaluator(inventory, objects, {}, [istioLayerFactory]);
const reachable = edges.filter((e) => e.classification !== 'observed_but_unauthorized' && !e.source.includes('<'));
const unauthorized = edges.filter((e) => e.classification === 'observed_but_unauthorized');

describe('Online Boutique, Istio', () => {
  test.each(reachable.map((e) => [e.id, e] as const))('%s is allowed for the request the caller makes', (_id, e) => {
    const v = evaluator.value.evaluate(connection(inventory, e.source, e.destination, e.port, boutiqueRequest(e.destination)));
    expect(v.verdict, v.summary).toBe('allowed');
    expect(v.layers.map((l) => l.layer)).toEqual(['istio']);
  });

  test.each(reachable.map((e) => [e.id, e] as const))('%s without a request is allowed or conditional, never denied', (_id, e) => {
    const v = evaluator.value.evaluate(connection(inventory, e.source, e.destination, e.port));
    expect(['allowed', 'conditional'], v.summary).toContain(v.verdict);
  });

  test.each(unauthorized.flatMap((e) => [[e.id, e, true], [e.id, e, false]] as const))('%s is denied (with request: %#)', (_id, e, withRequest) => {
    const v = evaluator.value.evaluate(connection(inventory, e.source, e.destination, e.port, withRequest ? boutiqueRequest(e.destination) : undefined));
    expect(v.verdict, v.summary).toBe('denied');
  });

  test('U3: the sidecar-less debug pod is refused by the STRICT mesh-wide PeerAuthentication, and the explanation says why', () => {
    const v = evaluator.value.evaluate(connection(inventory, 'tools/netshoot-debug', 'boutique/cartservice', 7070));
    const istio = v.layers[0];
    expect(istio?.rules).toEqual([{ kind: 'PeerAuthentication', namespace: 'istio-system', name: 'default' }]);
    expect(istio?.reason).toMatch(/no istio-proxy sidecar/);
    expect(istio?.reason).toMatch(/STRICT/);
  });

  test('E8 without a request is conditional on the PlaceOrder method', () => {
    const d = evaluator.value.evaluate(connection(inventory, 'boutique/frontend', 'boutique/checkoutservice', 5050)).layers[0];
    expect(d?.outcome).toBe('conditional');
    expect(d?.conditions?.join(' ')).toContain('/hipstershop.CheckoutService/PlaceOrder');
  });

  test('E1 is granted by the wildcard rule of the frontend policy', () => {
    const d = evaluator.value.evaluate(connection(inventory, 'boutique/loadgenerator', 'boutique/frontend', 8080)).layers[0];
    expect(d?.basis).toBe('explicit');
    expect(d?.rules).toEqual([{ kind: 'AuthorizationPolicy', namespace: 'boutique', name: 'frontend', path: 'rules[0]', wildcard: true }]);
  });

  test('U2 (TCP to redis) is denied because no ALLOW rule matches the frontend principal', () => {
    const d = evaluator.value.evaluate(connection(inventory, 'boutique/frontend', 'boutique/redis-cart', 6379)).layers[0];
    expect(d?.basis).toBe('no-match');
    expect(d?.reason).toContain('cluster.local/ns/boutique/sa/frontend');
  });

  test('the NLB address reaches the ingress gateway: PeerAuthentication does not apply to gateways', () => {
    const v = evaluator.value.evaluate(connection(inventory, 'ip:10.0.3.250', 'istio-system/istio-ingressgateway', 8080));
    expect(v.verdict, v.summary).toBe('allowed');
  });

  test('A2: the fraudservice principal is flagged as dangling', () => {
    const dangling = evaluator.diagnostics.filter((d) => d.code === 'dangling-principal');
    expect(dangling.map((d) => d.message)).toEqual([expect.stringContaining('cluster.local/ns/boutique/sa/fraudservice')]);
  });
});
