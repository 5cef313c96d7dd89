import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluateSelector, formatSelectorExpr, parseSelectorExpr } from './index';

interface Fixture {
  cases: { selector: string; matches: Record<string, string>[]; nonMatches: Record<string, string>[] }[];
  badSelectors: string[];
}
const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/calico/selector-parser-cases.json'), 'utf8')) as Fixture;

const rows = fixture.cases.flatMap((c) => [
  ...c.matches.map((labels) => ({ selector: c.selector, labels, expected: true })),
  ...c.nonMatches.map((labels) => ({ selector: c.selector, labels, expected: false })),
]);

describe('Calico selector language (upstream parser_test.go)', () => {
  test.each(rows)('$selector on $labels -> $expected', ({ selector, labels, expected }) => {
    const parsed = parseSelectorExpr(selector);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(evaluateSelector(parsed.expr, labels)).toBe(expected);
  });

  test.each(fixture.badSelectors)('rejects %j', (selector) => {
    expect(parseSelectorExpr(selector).ok).toBe(false);
  });

  test.each([
    ["a startswith '\"'", `a starts with '"'`],
    ['a  not   in {"x",}', "a not in {'x'}"],
    ['! (has( b)||! has(a ))', '!(has(b) || !(has(a)))'],
  ])('canonical form of %j', (input, expected) => {
    const parsed = parseSelectorExpr(input);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(formatSelectorExpr(parsed.expr)).toBe(expected);
  });
});
