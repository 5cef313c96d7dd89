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

/** `refs.map(formatRuleRef).join(', ')`, as a rope over the remembered texts (see joinText). */
export function ruleRefsText(refs: readonly RuleRef[]): string {
  let out = '';
  for (let i = 0; i < refs.length; i++) out = i === 0 ? ruleRefText(refs[i]!) : out + ', ' + ruleRefText(refs[i]!);
  return out;
}

/**
 * `parts.join(sep)` built with `+`: V8 keeps such a result as a rope over the parts (a "cons string") instead of
 * copying them into a new flat string, and explanations are mostly concatenations of sentences already kept
 * elsewhere, so tens of thousands of verdicts stop holding a private copy of their sub-sentences.
 */
export function joinText(parts: readonly string[], sep: string): string {
  if (parts.length === 0) return '';
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out = out + sep + parts[i]!;
  return out;
}
