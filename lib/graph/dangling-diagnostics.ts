import type { DanglingPart, Diagnostic } from '../model/diagnostics';
import { formatRuleRef, type RuleRef } from '../model/verdict';
import type { UnusedRule } from './model';
import { partlyDanglingReason } from './rule-usage';

/** `Kind/namespace/name#path` or `Kind/name#path` (formatRuleRef) back into a RuleRef. */
export function parseRuleRef(text: string): RuleRef | null {
  const [id, path] = text.split('#', 2) as [string, string | undefined];
  const parts = id.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) return null;
  const [kind, a, b] = parts as [string, string, string | undefined];
  return { kind, ...(b !== undefined ? { namespace: a, name: b } : { name: a }), ...(path ? { path } : {}) };
}

/** How often (in the window) and when (ever) each rule matched observed traffic, by `formatRuleRef` (computeRuleUsage). */
export interface RuleMatches {
  matchedInWindow: ReadonlyMap<string, number>;
  lastMatched: ReadonlyMap<string, string>;
}

const NO_MATCHES: RuleMatches = { matchedInWindow: new Map(), lastMatched: new Map() };

/**
 * Mesh layers report the parts of rules that match nobody (Istio `dangling-principal`, Linkerd `dangling-identity`)
 * as diagnostics `"<part ref>: <why>"` carrying the part as data (`Diagnostic.dangling`); the graph lists them with
 * the dangling rules. A part of a rule that still matches someone is listed as the part, `partOf` the rule, never as
 * the rule: the rule may carry live traffic (the Boutique's checkoutservice -> paymentservice). A whole rule that
 * matches nobody is dangling, unless traffic matched it in the window after all (then it is not unused at all).
 * A `dangling-*` diagnostic without the data names its rule in the message.
 */
export function danglingRulesFromDiagnostics(diagnostics: readonly Diagnostic[], matches: RuleMatches = NO_MATCHES): UnusedRule[] {
  const out: UnusedRule[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (!d.code.startsWith('dangling-')) continue;
    const i = d.message.indexOf(': ');
    const why = i > 0 ? d.message.slice(i + 2) : d.message;
    const named = i > 0 ? parseRuleRef(d.message.slice(0, i)) : null;
    const part: DanglingPart | null = d.dangling ?? (named ? { rule: named, part: named, partial: false } : null);
    if (!part) continue;
    const rule = formatRuleRef(part.rule);
    const inWindow = matches.matchedInWindow.get(rule) ?? 0;
    const lastMatched = matches.lastMatched.get(rule) ?? null;
    if (!part.partial && inWindow > 0) continue;
    const ref = part.partial ? formatRuleRef(part.part) : rule;
    // A part shared by several rules (a MeshTLSAuthentication two policies require) is listed once.
    if (seen.has(ref)) continue;
    seen.add(ref);
    out.push(
      part.partial
        ? { rule: part.part, ref, lastMatched: null, dangling: true, partOf: { ref: rule, lastMatched }, reason: partlyDanglingReason(why, rule, inWindow, lastMatched) }
        : { rule: part.rule, ref, lastMatched, dangling: true, reason: `dangling: ${why}` },
    );
  }
  return out;
}
