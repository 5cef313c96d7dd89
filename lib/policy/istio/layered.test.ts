// The verdict is the AND of the network layer and the mesh layer (issue 5 "Layering and output"):
// Online Boutique with fixtures/boutique/policies/networkpolicy.yaml and istio-policies.yaml together.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createEvaluator, networkLayerFactory } from '../index';
import { boutiqueRequest, loadBoutique } from '../mesh/boutique';
import { connection } from '../mesh/testing';
import { istioLayerFactory } from './index';

const netpol = readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/boutique/policies/networkpolicy.yaml'), 'utf8');
const { inventory, objects } = loadBoutique('istio-policies.yaml', netpol);
const evaluator = createEvaluator(inventory, objects, {}, [networkLayerFactory, istioLayerFactory]).value;

describe('network AND istio', () => {
  test('E14 is allowed by both layers', () => {
    const v = evaluator.evaluate(connection(inventory, 'boutique/checkoutservice', 'boutique/paymentservice', 50051, boutiqueRequest('boutique/paymentservice')));
    expect(v.layers.map((l) => [l.layer, l.outcome])).toEqual([
      ['network', 'allowed'],
      ['istio', 'allowed'],
    ]);
    expect(v.verdict).toBe('allowed');
  });

  test('E14 without a request: network allows, istio is conditional, so the verdict is conditional', () => {
    const v = evaluator.evaluate(connection(inventory, 'boutique/checkoutservice', 'boutique/paymentservice', 50051));
    expect(v.verdict).toBe('conditional');
    expect(v.allowed).toBe(false);
  });

  test('a wrong gRPC method is denied by istio even though the network allows the port', () => {
    const v = evaluator.evaluate(connection(inventory, 'boutique/checkoutservice', 'boutique/paymentservice', 50051, { method: 'POST', path: '/hipstershop.PaymentService/Refund' }));
    expect(v.layers.map((l) => [l.layer, l.outcome])).toEqual([
      ['network', 'allowed'],
      ['istio', 'denied'],
    ]);
    expect(v.verdict).toBe('denied');
  });

  test('U1 is denied by both layers', () => {
    const v = evaluator.evaluate(connection(inventory, 'boutique/frontend', 'boutique/paymentservice', 50051));
    expect(v.layers.map((l) => l.outcome)).toEqual(['denied', 'denied']);
  });
});
