import { expect, test } from 'vitest';
import { danglingRulesFromDiagnostics, parseRuleRef } from './index';

test.each([
  ['AuthorizationPolicy/boutique/paymentservice#rules[0]', { kind: 'AuthorizationPolicy', namespace: 'boutique', name: 'paymentservice', path: 'rules[0]' }],
  ['AdminNetworkPolicy/payment-pci-guardrail#ingress[1].from[0]', { kind: 'AdminNetworkPolicy', name: 'payment-pci-guardrail', path: 'ingress[1].from[0]' }],
  ['NetworkPolicy/shop/api', { kind: 'NetworkPolicy', namespace: 'shop', name: 'api' }],
  ['not a ref', null],
])('parseRuleRef(%s)', (text, expected) => expect(parseRuleRef(text)).toEqual(expected));

test('dangling-* diagnostics become dangling rules; other diagnostics are ignored', () => {
  const rules = danglingRulesFromDiagnostics([
    { severity: 'warning', code: 'dangling-principal', message: 'AuthorizationPolicy/boutique/paymentservice#rules[0]: principal cluster.local/ns/boutique/sa/fraudservice matches no ServiceAccount or pod in the inventory' },
    { severity: 'info', code: 'ignored-kind', message: 'ignored kind Gateway' },
  ]);
  expect(rules).toEqual([
    {
      rule: { kind: 'AuthorizationPolicy', namespace: 'boutique', name: 'paymentservice', path: 'rules[0]' },
      ref: 'AuthorizationPolicy/boutique/paymentservice#rules[0]',
      lastMatched: null,
      dangling: true,
      reason: 'dangling: principal cluster.local/ns/boutique/sa/fraudservice matches no ServiceAccount or pod in the inventory',
    },
  ]);
});
