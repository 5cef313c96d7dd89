import type { Diagnostic } from '../model/diagnostics';
import type { RuleRef } from '../model/verdict';
import type { UnusedRule } from './model';

/** `Kind/namespace/name#path` or `Kind/name#path` (formatRuleRef) back into a RuleRef. */
export function parseRuleRef(text: string): RuleRef | null {
  const [id, path] = text.split('#', 2) as [string, string | undefined];
  const parts = id.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) return null;
  const [kind, a, b] = parts as [string, string, string | undefined];
  return { kind, ...(b !== undefined ? { namespace: a, name: b } : { name: a }), ...(path ? { path } : {}) };
}

/**
 * Mesh layers report rules whose identity matches no ServiceAccount (Istio `dangling-principal`, Linkerd
 * `dangling-identity`) as diagnostics `"<rule ref>: <why>"`; the graph lists them with the dangling rules.
 */
export function danglingRulesFromDiagnostics(diagnostics: readonly Diagnostic[]): UnusedRule[] {
  const out: UnusedRule[] = [];
  for (const d of diagnostics) {
    if (!d.code.startsWith('dangling-')) continue;
    const i = d.message.indexOf(': ');
    const rule = i > 0 ? parseRuleRef(d.message.slice(0, i)) : null;
    if (!rule) continue;
    out.push({ rule, ref: d.message.slice(0, i), lastMatched: null, dangling: true, reason: `dangling: ${d.message.slice(i + 2)}` });
  }
  return out;
}
