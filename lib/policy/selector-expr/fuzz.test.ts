// Property-based fuzzing of the Calico selector parser (issue 10): any text parses to an
// expression or an error message, never an exception; what parses evaluates without throwing,
// and formatting then re-parsing gives an expression that selects the same labels.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluateSelector, formatSelectorExpr, parseSelectorExpr } from './index';

/** Tokens of the grammar (libcalico-go/lib/selector/tokenizer), so random text is often valid. */
const token = fc.constantFrom(
  'app', 'tier', 'a.b/c-d_e', '==', '!=', '!', '&&', '||', '(', ')', '{', '}', ',', 'in', 'not in', 'contains', 'starts with', 'ends with',
  'has(app)', 'has(', 'all()', 'global()', "'web'", '"db"', "'", '"', ' ', '\t', '\0', '\u00e9', '\n',
);
const selectorish = fc.array(fc.oneof(token, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((t) => t.join(' '));
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'a.b/c-d_e', 'x'), fc.constantFrom('web', 'db', '', 'webdb'), { maxKeys: 4 });

describe('parseSelectorExpr', () => {
  test.each([
    ['any text', fc.string({ unit: 'grapheme', maxLength: 200 })],
    ['token soup', selectorish],
  ] as const)('never throws on %s', (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary as fc.Arbitrary<string>, labels, (text, l) => {
        const r = parseSelectorExpr(text);
        if (!r.ok) {
          expect(typeof r.error).toBe('string');
          return;
        }
        const again = parseSelectorExpr(formatSelectorExpr(r.expr));
        expect(again.ok).toBe(true);
        if (again.ok) expect(evaluateSelector(again.expr, l)).toBe(evaluateSelector(r.expr, l));
      }),
      { numRuns: 1000 },
    );
  });

  test.each([
    ['100k opening parentheses', () => '('.repeat(100_000)],
    ['deep balanced nesting', () => `${'('.repeat(50_000)}all()${')'.repeat(50_000)}`],
    ['100k negations', () => `${'!'.repeat(100_000)}has(app)`],
    ['a 1 MB label', () => `${'a'.repeat(1024 * 1024)} == 'x'`],
    ['a 10k-element set', () => `app in {${Array.from({ length: 10_000 }, (_, i) => `'v${i}'`).join(',')}}`],
    ['an unterminated string', () => `app == 'web`],
  ])('contains %s', (_name, text) => {
    const r = parseSelectorExpr(text());
    if (r.ok) expect(typeof evaluateSelector(r.expr, { app: 'web' })).toBe('boolean');
    else expect(r.error.length).toBeGreaterThan(0);
  });
});
