import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../model/diagnostics';
import { danglingRulesFromDiagnostics, parseRuleRef, type UnusedRule } from './index';

test.each([
  ['AuthorizationPolicy/boutique/paymentservice#rules[0]', { kind: 'AuthorizationPolicy', namespace: 'boutique', name: 'paymentservice', path: 'rules[0]' }],
  ['AdminNetworkPolicy/payment-pci-guardrail#ingress[1].from[0]', { kind: 'AdminNetworkPolicy', name: 'payment-pci-guardrail', path: 'ingress[1].from[0]' }],
  ['NetworkPolicy/shop/api', { kind: 'NetworkPolicy', namespace: 'shop', name: 'api' }],
  ['not a ref', null],
])('parseRuleRef(%s)', (text, expected) => expect(parseRuleRef(text)).toEqual(expected));

describe('mesh rules reported by dangling-* diagnostics', () => {
  const rule = { kind: 'AuthorizationPolicy', namespace: 'shop', name: 'api', path: 'rules[0]' };
  const principal = (partial: boolean, path = 'rules[0].from[0].source.principals[1]'): Diagnostic => ({
    severity: 'warning',
    code: 'dangling-principal',
    message: `AuthorizationPolicy/shop/api#${partial ? path : 'rules[0]'}: principal cluster.local/ns/shop/sa/ghost matches no ServiceAccount or pod in the inventory`,
    dangling: { rule, part: partial ? { ...rule, path } : rule, partial },
  });
  const matched = (inWindow: number, last: string | null) => ({ matchedInWindow: new Map(inWindow ? [['AuthorizationPolicy/shop/api#rules[0]', inWindow]] : []), lastMatched: new Map(last ? [['AuthorizationPolicy/shop/api#rules[0]', last]] : []) });
  const cases: { name: string; diagnostics: Diagnostic[]; inWindow: number; last: string | null; expected: Partial<UnusedRule>[] }[] = [
    {
      name: 'partly dangling, the rule carries traffic in the window: the principal is listed, not the rule',
      diagnostics: [principal(true)],
      inWindow: 203,
      last: '2026-03-12T09:44:44.000Z',
      expected: [{ ref: 'AuthorizationPolicy/shop/api#rules[0].from[0].source.principals[1]', dangling: true, lastMatched: null, partOf: { ref: 'AuthorizationPolicy/shop/api#rules[0]', lastMatched: '2026-03-12T09:44:44.000Z' } }],
    },
    {
      name: 'partly dangling, the rule never matched: still only the part',
      diagnostics: [principal(true)],
      inWindow: 0,
      last: null,
      expected: [{ ref: 'AuthorizationPolicy/shop/api#rules[0].from[0].source.principals[1]', dangling: true, partOf: { ref: 'AuthorizationPolicy/shop/api#rules[0]', lastMatched: null } }],
    },
    { name: 'dangling: the whole rule matches nobody', diagnostics: [principal(false)], inWindow: 0, last: null, expected: [{ ref: 'AuthorizationPolicy/shop/api#rules[0]', dangling: true, lastMatched: null }] },
    { name: 'used: a rule that matched traffic in the window is not dangling', diagnostics: [principal(false)], inWindow: 3, last: '2026-03-12T09:44:44.000Z', expected: [] },
    {
      name: 'a part shared by two reports is listed once',
      diagnostics: [principal(true), principal(true)],
      inWindow: 0,
      last: null,
      expected: [{ ref: 'AuthorizationPolicy/shop/api#rules[0].from[0].source.principals[1]' }],
    },
    {
      name: 'a diagnostic without the data names its rule',
      diagnostics: [{ severity: 'warning', code: 'dangling-principal', message: 'AuthorizationPolicy/shop/api#rules[0]: principal cluster.local/ns/shop/sa/ghost matches no ServiceAccount or pod in the inventory' }],
      inWindow: 0,
      last: null,
      expected: [{ ref: 'AuthorizationPolicy/shop/api#rules[0]', dangling: true, reason: 'dangling: principal cluster.local/ns/shop/sa/ghost matches no ServiceAccount or pod in the inventory' }],
    },
    { name: 'other diagnostics are ignored', diagnostics: [{ severity: 'info', code: 'ignored-kind', message: 'ignored kind Gateway' }], inWindow: 0, last: null, expected: [] },
  ];
  test.each(cases)('$name', ({ diagnostics, inWindow, last, expected }) => {
    const rules = danglingRulesFromDiagnostics(diagnostics, matched(inWindow, last));
    expect(rules).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(rules[i]).toMatchObject(e));
    for (const r of rules) if (r.partOf) expect(r.reason).toMatch(/^partly dangling: principal cluster\.local\/ns\/shop\/sa\/ghost .*, so keep the rule$/);
  });
});
