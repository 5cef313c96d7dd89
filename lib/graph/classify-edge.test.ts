import { describe, expect, test } from 'vitest';
import { classifyObservedEdge, isBlockedVerdict, type EdgeClass, type EdgeState } from './index';
import { evaluation, layer, netpolRule, verdict } from './testing/builders';
import type { EdgeEvaluation } from './evaluate-edge';
import type { ObservedSummary } from './model';

const ingressRule = netpolRule('payment', 'ingress[0].from[0]');
const anyEgress = netpolRule('frontend', 'egress[0]', true);
const forwarded: ObservedSummary = { count: 10, countUnit: 'connections', firstSeen: '2026-03-12T09:30:00Z', lastSeen: '2026-03-12T09:40:00Z', verdicts: { forwarded: 10 } };
const dropped = { ...forwarded, count: 3, verdicts: { 'dropped:POLICY_DENIED': 3 } };
const mixed = { ...forwarded, verdicts: { forwarded: 9, rbac_denied: 1 } };

const explicitNetwork = evaluation(verdict(layer('network', 'allowed', 'explicit', [ingressRule, anyEgress])));
const explicitBoth = evaluation(verdict(layer('network', 'allowed', 'explicit', [ingressRule]), layer('istio', 'allowed', 'explicit', [{ kind: 'AuthorizationPolicy', namespace: 'shop', name: 'payment', path: 'rules[0]' }])));
const defaultIstio = evaluation(verdict(layer('network', 'allowed', 'explicit', [ingressRule]), layer('istio', 'allowed', 'default')));
const deniedNetwork = evaluation(verdict(layer('network', 'denied', 'no-match', [{ kind: 'NetworkPolicy', namespace: 'shop', name: 'deny-all' }])));
const noLayers = evaluation(verdict());
const notEvaluable = evaluation(null, { notes: ['dns:example.com is not in the inventory'] });
const conditionalExplicit = evaluation(verdict(layer('istio', 'conditional', 'explicit', [{ kind: 'AuthorizationPolicy', name: 'p' }])));
const delegated = evaluation(verdict(layer('istio', 'conditional', 'delegated')));
const ownNode = evaluation(verdict(layer('network', 'allowed', 'explicit', [{ kind: 'Kubernetes', name: 'own-node', builtin: true }])));

const cases: { name: string; observed: ObservedSummary; evaluation: EdgeEvaluation; cls: EdgeClass; state: EdgeState | null }[] = [
  { name: 'explicit on the only enforcing layer', observed: forwarded, evaluation: explicitNetwork, cls: 'allowed', state: null },
  { name: 'explicit on network and mesh', observed: forwarded, evaluation: explicitBoth, cls: 'allowed', state: null },
  { name: 'a mesh allows only by default', observed: forwarded, evaluation: defaultIstio, cls: 'unauthorized', state: 'unprotected' },
  { name: 'a layer denies', observed: forwarded, evaluation: deniedNetwork, cls: 'unauthorized', state: 'denied' },
  { name: 'policy denies and the data plane dropped it', observed: dropped, evaluation: deniedNetwork, cls: 'unauthorized', state: 'denied' },
  { name: 'no layer enforces: default allow', observed: forwarded, evaluation: noLayers, cls: 'unauthorized', state: 'unprotected' },
  { name: 'dropped by enforcement the input does not contain', observed: dropped, evaluation: noLayers, cls: 'unauthorized', state: 'denied' },
  { name: 'allowed by policy yet every attempt dropped', observed: dropped, evaluation: explicitNetwork, cls: 'unauthorized', state: 'denied' },
  { name: 'allowed by policy, a few requests denied', observed: mixed, evaluation: explicitNetwork, cls: 'allowed', state: null },
  { name: 'default allow with some RBAC denials', observed: mixed, evaluation: defaultIstio, cls: 'unauthorized', state: 'denied' },
  { name: 'endpoint not in the inventory', observed: forwarded, evaluation: notEvaluable, cls: 'unauthorized', state: 'unprotected' },
  { name: 'L7-conditional grant by a rule', observed: forwarded, evaluation: conditionalExplicit, cls: 'allowed', state: null },
  { name: 'delegated to an external authorizer', observed: forwarded, evaluation: delegated, cls: 'unauthorized', state: 'unprotected' },
  { name: 'the node exemption, a built-in rule', observed: forwarded, evaluation: ownNode, cls: 'allowed', state: null },
];

describe('classifyObservedEdge (pass 3)', () => {
  test.each(cases)('$name -> $cls/$state', ({ observed, evaluation: ev, cls, state }) => {
    const k = classifyObservedEdge(observed, ev);
    expect({ class: k.class, state: k.state }).toEqual({ class: cls, state });
    expect(k.summary.length).toBeGreaterThan(0);
  });

  test('denied edges name the denying rules, allowed edges the granting ones', () => {
    expect(classifyObservedEdge(forwarded, deniedNetwork).rules.map((r) => r.name)).toEqual(['deny-all']);
    expect(classifyObservedEdge(forwarded, explicitNetwork).rules).toEqual([ingressRule, anyEgress]);
  });

  test('an edge a built-in rule allows says so; one a policy allows does not', () => {
    expect(classifyObservedEdge(forwarded, ownNode).notes).toEqual(['decided by a built-in rule of the platform, not by a policy: Kubernetes/own-node']);
    expect(classifyObservedEdge(forwarded, explicitNetwork).notes).toEqual([]);
  });

  test('operations settle an L7-conditional verdict', () => {
    const deniedOp = evaluation(verdict(layer('istio', 'conditional', 'explicit')), {
      operations: [{ operation: { method: 'DELETE', path: '/admin', count: 1, verdicts: {} }, verdict: verdict(layer('istio', 'denied', 'deny-rule', [{ kind: 'AuthorizationPolicy', name: 'deny-admin' }])) }],
    });
    expect(classifyObservedEdge(forwarded, deniedOp)).toMatchObject({ class: 'unauthorized', state: 'denied' });
  });
});

describe('isBlockedVerdict', () => {
  test.each([
    ['forwarded', false],
    ['status:200', false],
    ['dropped', true],
    ['dropped:POLICY_DENIED', true],
    ['dropped:POLICY_DENY', true],
    ['denied:403', true],
    ['rbac_denied', true],
    ['audit', false],
  ])('%s -> %s', (key, expected) => expect(isBlockedVerdict(key)).toBe(expected));
});
