import { formatRuleRef, type RuleRef } from '../../model/verdict';

/**
 * `formatRuleRef`, remembered per ref object. Verdicts of the graph's tens of thousands of connections name the
 * same few thousand rule objects (the network layer hands out one ref object per rule, see direction.ts), and
 * formatting them again for every explanation and every usage join was a measurable share of the cold path.
 * Refs are treated as immutable once built, which every layer already does.
 */
const texts = new WeakMap<RuleRef, string>();

export function ruleRefText(r: RuleRef): string {
  let t = texts.get(r);
  if (t === undefined) texts.set(r, (t = formatRuleRef(r)));
  return t;
}

/** `refs.map(formatRuleRef).join(', ')`, without the intermediate array for the common one-rule case. */
export function ruleRefsText(refs: readonly RuleRef[]): string {
  if (refs.length === 1) return ruleRefText(refs[0]!);
  return refs.map(ruleRefText).join(', ');
}
