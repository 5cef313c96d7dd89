import { describe, expect, test } from 'vitest';
import type { DirectionDecision } from '../model/verdict';
import { buildEndpointIndex, buildNodes, peerNode, treatmentOn } from './index';
import { layer } from './testing/builders';
import { loadShop } from './testing/shop-cluster';

const dir = (direction: 'ingress' | 'egress', isolated: boolean): DirectionDecision => ({ direction, isolated, outcome: 'allowed', basis: isolated ? 'explicit' : 'default', rules: [], reason: '' });

describe('treatmentOn', () => {
  test.each([
    { name: 'NetworkPolicy isolates ingress, egress open', decision: { ...layer('network', 'allowed', 'explicit'), directions: [dir('ingress', true), dir('egress', false)] }, ingress: 'other', egress: 'default' },
    { name: 'nothing selects the pod', decision: { ...layer('network', 'allowed', 'default'), directions: [dir('ingress', false), dir('egress', false)] }, ingress: 'default', egress: 'default' },
    { name: 'selected by an ANP, no rule matched (isolated flag, still default)', decision: { ...layer('network', 'allowed', 'default'), directions: [{ ...dir('egress', true), basis: 'default' as const }] }, ingress: 'default', egress: 'default' },
    { name: 'NetworkPolicy implicit deny', decision: { ...layer('network', 'denied', 'no-match'), directions: [{ ...dir('ingress', true), outcome: 'denied' as const, basis: 'no-match' as const }] }, ingress: 'denies-unmatched', egress: 'default' },
    { name: 'mesh ALLOW policy without a match', decision: layer('istio', 'denied', 'no-match'), ingress: 'denies-unmatched', egress: 'default' },
    { name: 'mesh without policy', decision: layer('istio', 'allowed', 'default'), ingress: 'default', egress: 'default' },
  ])('$name', ({ decision, ingress, egress }) => {
    expect({ ingress: treatmentOn(decision, 'ingress'), egress: treatmentOn(decision, 'egress') }).toEqual({ ingress, egress });
  });
});

describe('buildNodes', () => {
  const { inventory, evaluator } = loadShop();
  const nodes = buildNodes(evaluator, buildEndpointIndex(inventory), ['world', 'ip:10.0.3.250', 'node:n1', 'shop/gone']);
  const byId = new Map(nodes.map((n) => [n.id, n]));

  test.each([
    { id: 'shop/api', kind: 'pod', unprotected: { ingress: false, egress: true } },
    { id: 'ops/debug', kind: 'pod', unprotected: { ingress: true, egress: true } },
    { id: 'world', kind: 'external', unprotected: { ingress: false, egress: false } },
    { id: 'ip:10.0.3.250', kind: 'external', unprotected: { ingress: false, egress: false } },
    { id: 'node:n1', kind: 'node', unprotected: { ingress: false, egress: false } },
    { id: 'shop/gone', kind: 'dangling', unprotected: { ingress: false, egress: false } },
  ])('$id is $kind, unprotected $unprotected', ({ id, kind, unprotected }) => {
    expect(byId.get(id)).toMatchObject({ kind, unprotected });
  });

  test('badges instead of default-allow edges', () => {
    expect(byId.get('ops/debug')!.badges).toEqual(['unprotected-ingress', 'unprotected-egress']);
    expect(byId.get('shop/api')!.badges).toEqual(['unprotected-egress']);
  });

  test('infra peers', () => {
    expect(peerNode('kube-apiserver')).toMatchObject({ kind: 'infra', badges: ['apiserver'] });
  });
});

describe('buildNodes: services answering sensitive paths', () => {
  const { inventory, evaluator } = loadShop();
  const op = (path: string) => ({ method: 'GET', path, count: 1, verdicts: { forwarded: 1 } });
  const observed = [
    { destination: 'shop/api', operations: [op('/admin/users'), op('/shop.Api/List')] },
    { destination: 'shop/frontend', operations: [op('/'), op('/product/{id}')] },
    { destination: 'ip:10.0.3.250', operations: [op('/internal/metrics')] },
    { destination: 'shop/db', operations: [] },
  ];
  const byId = new Map(buildNodes(evaluator, buildEndpointIndex(inventory), ['ip:10.0.3.250'], new Map(), observed).map((n) => [n.id, n]));

  test.each([
    { id: 'shop/api', sensitivity: ['admin', 'user-data'] },
    { id: 'ip:10.0.3.250', sensitivity: ['internal'] },
    { id: 'shop/frontend', sensitivity: undefined },
    { id: 'shop/db', sensitivity: undefined },
  ])('$id: $sensitivity', ({ id, sensitivity }) => {
    expect(byId.get(id)?.sensitivity).toEqual(sensitivity);
  });
});
