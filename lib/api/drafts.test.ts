import { describe, expect, test } from 'vitest';
import { createDraftSchema, parseEdgeId, toEdgeId } from './drafts';

describe('edge ids (the graph deep-link format)', () => {
  test.each([
    { id: 'boutique/frontend|boutique/cartservice|7070|TCP', expected: { source: 'boutique/frontend', destination: 'boutique/cartservice', port: 7070, protocol: 'TCP' } },
    { id: 'ip:10.0.3.250|istio-system/istio-ingressgateway|8080|tcp', expected: { source: 'ip:10.0.3.250', destination: 'istio-system/istio-ingressgateway', port: 8080, protocol: 'TCP' } },
    { id: 'boutique/frontend|boutique/cartservice|7070', expected: null },
    { id: 'boutique/frontend|boutique/cartservice|0|TCP', expected: null },
    { id: 'boutique/frontend|boutique/cartservice|7070|ICMP', expected: null },
  ])('$id', ({ id, expected }) => {
    const parsed = parseEdgeId(id);
    expect(parsed).toEqual(expected);
    if (parsed) expect(toEdgeId(parsed)).toBe(id.replace(/tcp$/, 'TCP'));
  });
});

describe('createDraftSchema', () => {
  test.each([
    { why: 'namespace scope, default kind', body: { scope: { kind: 'namespace', namespaces: ['boutique'] } }, ok: true },
    { why: 'workloads scope with a window', body: { scope: { kind: 'workloads', workloads: ['boutique/frontend'], from: '2026-03-12T09:30:00Z', to: '2026-03-12T09:45:00Z' }, kinds: ['istio', 'istio'] }, ok: true },
    { why: 'workload not named ns/name', body: { scope: { kind: 'workloads', workloads: ['frontend'] } }, ok: false },
    { why: 'no namespace', body: { scope: { kind: 'namespace', namespaces: [] } }, ok: false },
    { why: 'window reversed', body: { scope: { kind: 'snapshot', from: '2026-03-12T10:00:00Z', to: '2026-03-12T09:00:00Z' } }, ok: false },
    { why: 'no output kind', body: { scope: { kind: 'snapshot' }, kinds: [] }, ok: false },
  ])('$why', ({ body, ok }) => {
    expect(createDraftSchema.safeParse(body).success).toBe(ok);
  });

  test('kinds default to NetworkPolicy and are deduplicated', () => {
    expect(createDraftSchema.parse({ scope: { kind: 'snapshot' } }).kinds).toEqual(['networkpolicy']);
    expect(createDraftSchema.parse({ scope: { kind: 'snapshot' }, kinds: ['istio', 'istio', 'cilium'] }).kinds).toEqual(['istio', 'cilium']);
  });
});
