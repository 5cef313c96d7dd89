import { describe, expect, test } from 'vitest';
import type { GraphRulesJson } from '@/lib/api/graph-rules';
import type { UnusedRule, WildcardRule } from '@/lib/graph/model';
import type { Diagnostic } from '@/lib/model/diagnostics';
import { extraFields, fieldLabel, groupRules, sortDiagnostics, wildcardText } from './rule-groups';

/** Named rules of a small shop: what `GET graph/rules` returns for them. */
function unused(name: string, path: string, over: Partial<UnusedRule> = {}): UnusedRule {
  const rule = { kind: 'NetworkPolicy', namespace: 'shop', name, path };
  return { rule, ref: `NetworkPolicy/shop/${name}#${path}`, layer: 'network', lastMatched: null, dangling: false, reason: 'no observed traffic ever matched it', ...over };
}
function wildcard(name: string, direction: 'ingress' | 'egress', usedBy: number, lastMatched: string | null): WildcardRule {
  const path = `${direction}[0]`;
  return { rule: { kind: 'NetworkPolicy', namespace: 'shop', name, path, wildcard: true }, ref: `NetworkPolicy/shop/${name}#${path}`, layer: 'network', direction, workloads: [`shop/${name}`], usedBy, lastMatched };
}
const diagnostic = (severity: Diagnostic['severity'], code: string, file?: string, line?: number): Diagnostic => ({ severity, code, message: `${code} here`, ...(file ? { file } : {}), ...(line ? { line } : {}) });

const ghostPeer = unused('payment', 'ingress[0].from[1]', { dangling: true, reason: 'dangling: its source selector matches no pod' });
const ghostTarget = unused('ads', 'ingress[0]', { dangling: true, reason: 'dangling: its pod selector matches no pod', lastMatched: '2026-03-12T09:40:00.000Z' });
const neverUsed = unused('email', 'ingress[0].from[1]');
const usedEarlier = unused('cart', 'egress[0]', { lastMatched: '2026-03-12T09:44:00.000Z', reason: 'no traffic in the window matched it (last matched 2026-03-12T09:44:00.000Z)' });
const usedLongAgo = unused('db', 'ingress[0]', { lastMatched: '2026-03-11T08:00:00.000Z', reason: 'no traffic in the window matched it (last matched 2026-03-11T08:00:00.000Z)' });
const anyToFrontend = wildcard('frontend', 'ingress', 2, '2026-03-12T09:44:57.000Z');
const adsToAny = wildcard('ads', 'egress', 0, null);

const rules: GraphRulesJson = {
  unusedRules: [ghostTarget, ghostPeer, neverUsed, usedEarlier, usedLongAgo],
  wildcardRules: [anyToFrontend, adsToAny],
  diagnostics: [diagnostic('warning', 'unknown-kind', 'b.yaml', 3), diagnostic('error', 'invalid-policy', 'z.yaml', 40), diagnostic('info', 'ignored'), diagnostic('error', 'invalid-policy', 'a.yaml', 12)],
  policySources: {
    'NetworkPolicy/shop/payment': { file: 'policies/b.yaml', line: 30 },
    'NetworkPolicy/shop/ads': { file: 'policies/a.yaml', line: 1 },
    'NetworkPolicy/shop/email': { file: 'policies/a.yaml', line: 50 },
    'NetworkPolicy/shop/cart': { file: 'policies/a.yaml', line: 20 },
    'NetworkPolicy/shop/frontend': { file: 'policies/c.yaml', line: 1 },
  },
};

const refs = (xs: { ref: string }[]) => xs.map((x) => x.ref);

describe('groupRules: dangling, unused, wildcard, diagnostics', () => {
  test('dangling rules are their own group, apart from the rules no traffic matched', () => {
    const g = groupRules(rules, 'rule');
    expect(refs(g.dangling)).toEqual([ghostTarget.ref, ghostPeer.ref]);
    expect(refs(g.unused)).toEqual([usedEarlier.ref, usedLongAgo.ref, neverUsed.ref]);
    expect(refs(g.wildcard)).toEqual([adsToAny.ref, anyToFrontend.ref]);
  });

  test.each([
    { sort: 'rule' as const, unusedOrder: [usedEarlier, usedLongAgo, neverUsed], danglingOrder: [ghostTarget, ghostPeer], reason: 'by reference' },
    { sort: 'file' as const, unusedOrder: [usedEarlier, neverUsed, usedLongAgo], danglingOrder: [ghostTarget, ghostPeer], reason: 'a.yaml:20, a.yaml:50, then the rule whose file is unknown' },
    { sort: 'lastMatched' as const, unusedOrder: [neverUsed, usedLongAgo, usedEarlier], danglingOrder: [ghostPeer, ghostTarget], reason: 'never matched first, then the oldest match' },
  ])('sorted by $sort: $reason', ({ sort, unusedOrder, danglingOrder }) => {
    const g = groupRules(rules, sort);
    expect(refs(g.unused)).toEqual(refs(unusedOrder));
    expect(refs(g.dangling)).toEqual(refs(danglingOrder));
  });

  test('diagnostics: errors first, then warnings and notes; by file and line within a severity', () => {
    expect(sortDiagnostics(rules.diagnostics).map((d) => `${d.severity} ${d.file ?? '-'}:${d.line ?? '-'}`)).toEqual(['error a.yaml:12', 'error z.yaml:40', 'warning b.yaml:3', 'info -:-']);
  });

  test('nothing unused: empty groups (the view says every rule matched traffic)', () => {
    const g = groupRules({ ...rules, unusedRules: [], diagnostics: [] }, 'rule');
    expect([g.dangling, g.unused, g.diagnostics]).toEqual([[], [], []]);
  });
});

describe('rule rows', () => {
  test.each([
    { rule: anyToFrontend, expected: 'any → shop/frontend' },
    { rule: adsToAny, expected: 'shop/ads → any' },
    { rule: { ...anyToFrontend, workloads: ['shop/a', 'shop/b'] }, expected: 'any → shop/a, shop/b' },
  ])('a wildcard rule reads $expected', ({ rule, expected }) => {
    expect(wildcardText(rule)).toBe(expected);
  });

  test('fields the row does not know by name are shown generically, known ones (partOf included) are not repeated', () => {
    const reported = { ...ghostPeer, partOf: { ref: 'NetworkPolicy/shop/payment#ingress[0]', lastMatched: null }, danglingPeers: ['app=fraudservice'], matchedPeers: [], partly: true, selector: { app: 'x' } } as UnusedRule;
    expect(extraFields(reported)).toEqual([
      ['danglingPeers', 'app=fraudservice'],
      ['partly', 'true'],
      ['selector', '{"app":"x"}'],
    ]);
    expect(extraFields(neverUsed)).toEqual([]);
    expect(fieldLabel('danglingPeers')).toBe('dangling peers');
  });
});
