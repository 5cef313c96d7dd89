import { describe, expect, test } from 'vitest';
import { extractRuleExcerpt, parseRulePath } from './rule-yaml';

// A NetworkPolicy in the shape of fixtures/boutique/policies/networkpolicy.yaml (upstream microservices-demo).
const paymentPolicy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: paymentservice
  namespace: boutique
spec:
  podSelector:
    matchLabels:
      app: paymentservice
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: checkoutservice
    ports:
    - port: 50051
      protocol: TCP
  - from:
    # a comment the excerpt keeps
    - podSelector: {}
`;

describe('parseRulePath', () => {
  test.each([
    { path: 'ingress[0]', expected: ['ingress', 0] },
    { path: 'ingress[0].from[1]', expected: ['ingress', 0, 'from', 1] },
    { path: 'spec.rules[2]', expected: ['spec', 'rules', 2] },
    { path: 'rules[0].to[0].operation', expected: ['rules', 0, 'to', 0, 'operation'] },
  ])('$path', ({ path, expected }) => expect(parseRulePath(path)).toEqual(expected));
});

describe('extractRuleExcerpt', () => {
  test.each([
    { name: 'a rule under spec', path: 'ingress[0]', contains: ['app: checkoutservice', 'port: 50051'], excludes: ['podSelector: {}'], line: 11, exact: true },
    { name: 'a peer inside a rule', path: 'ingress[1].from[0]', contains: ['podSelector: {}'], excludes: ['checkoutservice', 'a comment'], line: 20, exact: true },
    { name: 'a path that does not exist falls back to the whole object', path: 'egress[3]', contains: ['kind: NetworkPolicy'], excludes: [], line: 1, exact: false },
    { name: 'no path is the whole object', path: undefined, contains: ['kind: NetworkPolicy', 'podSelector: {}'], excludes: [], line: 1, exact: false },
  ])('$name', ({ path, contains, excludes, line, exact }) => {
    const r = extractRuleExcerpt(paymentPolicy, path);
    expect(r.exact).toBe(exact);
    for (const c of contains) expect(r.excerpt).toContain(c);
    for (const c of excludes) expect(r.excerpt).not.toContain(c);
    expect(r.lineOffset + 1).toBe(line);
    expect(r.excerpt.startsWith(' ')).toBe(false);
  });
});
