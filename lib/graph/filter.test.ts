import { describe, expect, test } from 'vitest';
import { filterEdge, filterGraph, filterNode, matchesPattern, type GraphFilters } from './index';
import { classifiedEdge, graphNode } from './testing/builders';

const nodes = [
  graphNode('shop/frontend', { labels: { app: 'frontend', tier: 'web' } }),
  graphNode('shop/payment', { labels: { app: 'payment', 'data-classification': 'restricted' }, serviceAccount: 'payment-sa' }),
  graphNode('ops/debug', { kind: 'pod' }),
  graphNode('kube-system/coredns', { kind: 'infra' }),
  graphNode('node:ip-10-0-1-23', { kind: 'node' }),
  graphNode('shop/idle'),
];
const byId = new Map(nodes.map((n) => [n.id, n]));
const ctx = { node: (id: string) => byId.get(id) };

const allowedGet = classifiedEdge('shop/frontend', 'shop/payment', { port: 50051, operations: [{ method: 'POST', path: '/hipstershop.PaymentService/Charge', count: 3, verdicts: {} }] });
const deniedDebug = classifiedEdge('ops/debug', 'shop/payment', { port: 50051, class: 'unauthorized', state: 'denied' });
const unprotectedDns = classifiedEdge('shop/frontend', 'kube-system/coredns', { port: 53, protocol: 'UDP', class: 'unauthorized', state: 'unprotected', infra: 'dns' });
const probe = classifiedEdge('node:ip-10-0-1-23', 'shop/frontend', { port: 15020, infra: 'probe' });
const unused = classifiedEdge('shop/frontend', 'shop/idle', { class: 'unused', observed: null });
const edges = [allowedGet, deniedDebug, unprotectedDns, probe, unused];

const cases: { filters: GraphFilters; expected: string[]; reason: string }[] = [
  { filters: {}, expected: edges.map((e) => e.id), reason: 'no filter keeps everything' },
  { filters: { classes: ['unauthorized'] }, expected: [deniedDebug.id, unprotectedDns.id], reason: 'class' },
  { filters: { classes: ['unauthorized'], states: ['denied'] }, expected: [deniedDebug.id], reason: 'sub-state' },
  { filters: { hideInfra: true }, expected: [allowedGet.id, deniedDebug.id, unused.id], reason: 'DNS and probes hidden' },
  { filters: { namespaces: ['ops'] }, expected: [deniedDebug.id], reason: 'either end in the namespace' },
  { filters: { port: 50051, protocol: 'TCP' }, expected: [allowedGet.id, deniedDebug.id], reason: 'port and protocol' },
  { filters: { protocol: 'UDP' }, expected: [unprotectedDns.id], reason: 'protocol alone' },
  { filters: { method: 'post' }, expected: [allowedGet.id], reason: 'method, case-insensitive' },
  { filters: { path: '*PaymentService/*' }, expected: [allowedGet.id], reason: 'path glob' },
  { filters: { method: 'GET' }, expected: [], reason: 'no GET operation seen' },
  { filters: { search: 'restricted' }, expected: [allowedGet.id, deniedDebug.id], reason: 'label value of an end' },
  { filters: { search: 'DEBUG' }, expected: [deniedDebug.id], reason: 'endpoint name, case-insensitive' },
  { filters: { search: 'payment-sa' }, expected: [allowedGet.id, deniedDebug.id], reason: 'service account' },
];

describe('filterEdge', () => {
  test.each(cases)('$reason', ({ filters, expected }) => {
    expect(edges.filter((e) => filterEdge(e, filters, ctx)).map((e) => e.id)).toEqual(expected);
  });
});

describe('filterNode and filterGraph', () => {
  test.each([
    { filters: {}, expected: nodes.map((n) => n.id) },
    { filters: { hideInfra: true }, expected: ['shop/frontend', 'shop/payment', 'ops/debug', 'shop/idle'] },
    { filters: { namespaces: ['shop'] }, expected: ['shop/frontend', 'shop/payment', 'shop/idle'] },
    { filters: { classes: ['allowed'] }, expected: [] },
  ] as { filters: GraphFilters; expected: string[] }[])('filterNode $filters', ({ filters, expected }) => {
    expect(nodes.filter((n) => filterNode(n, filters)).map((n) => n.id)).toEqual(expected);
  });

  test('ends of visible edges stay visible even when their own filter hides them', () => {
    const g = filterGraph({ nodes, edges }, { namespaces: ['ops'] });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['ops/debug', 'shop/payment']);
    const denied = filterGraph({ nodes, edges }, { classes: ['unauthorized'], hideInfra: true });
    expect(denied.nodes.map((n) => n.id).sort()).toEqual(['ops/debug', 'shop/payment']);
  });
});

test.each([
  ['/api/*', '/api/v1/users', true],
  ['/api/*', '/healthz', false],
  ['users', '/api/v1/users', true],
  ['*/Charge', '/hipstershop.PaymentService/Charge', true],
  ['a.c', 'abc', false],
])('matchesPattern(%s, %s) = %s', (pattern, value, expected) => expect(matchesPattern(pattern, value)).toBe(expected));
