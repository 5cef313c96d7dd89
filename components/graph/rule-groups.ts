import { policySourceKey, type GraphRulesJson, type PolicySource } from '@/lib/api/graph-rules';
import type { UnusedRule, WildcardRule } from '@/lib/graph/model';
import type { Diagnostic, Severity } from '@/lib/model/diagnostics';
import type { RuleSort } from './view-state';

/**
 * The Rules view's groups, in the order a reviewer acts on them: dangling rules (they select nothing: candidates
 * for deletion), rules no traffic in the window matched, wildcard rules ("any → X", with their usage), and the
 * policies' diagnostics, errors first.
 */
export interface RuleGroups {
  dangling: UnusedRule[];
  /** Unused in the window and not dangling. */
  unused: UnusedRule[];
  wildcard: WildcardRule[];
  diagnostics: Diagnostic[];
}

type Listed = { ref: string; rule: { kind: string; namespace?: string; name: string }; lastMatched: string | null };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Where a rule's policy was read from, when the endpoint knows it. */
export const sourceOf = (sources: GraphRulesJson['policySources'], r: Pick<Listed, 'rule'>): PolicySource | undefined => sources[policySourceKey(r.rule)];

/**
 * Orders one group. `rule`: by reference; `file`: by the policy's file and line (unknown files last);
 * `lastMatched`: the stalest first (never matched, then the oldest match). Ties fall back to the reference, so
 * the order is the same on every load.
 */
function sortListed<T extends Listed>(rules: readonly T[], sort: RuleSort, sources: GraphRulesJson['policySources']): T[] {
  const compare = (a: T, b: T): number => {
    if (sort === 'file') {
      const sa = sourceOf(sources, a);
      const sb = sourceOf(sources, b);
      if (!sa || !sb) return Number(!sa) - Number(!sb);
      return byText(sa.file, sb.file) || sa.line - sb.line;
    }
    if (sort === 'lastMatched') {
      if (a.lastMatched === null || b.lastMatched === null) return Number(b.lastMatched === null) - Number(a.lastMatched === null);
      return Date.parse(a.lastMatched) - Date.parse(b.lastMatched);
    }
    return 0;
  };
  return [...rules].sort((a, b) => compare(a, b) || byText(a.ref, b.ref));
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings and notes; within a severity by file, line and code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || byText(a.file ?? '\uffff', b.file ?? '\uffff') || (a.line ?? 0) - (b.line ?? 0) || byText(a.code, b.code) || byText(a.message, b.message),
  );
}

export function groupRules(rules: GraphRulesJson, sort: RuleSort): RuleGroups {
  const sources = rules.policySources ?? {};
  return {
    dangling: sortListed(rules.unusedRules.filter((r) => r.dangling), sort, sources),
    unused: sortListed(rules.unusedRules.filter((r) => !r.dangling), sort, sources),
    wildcard: sortListed(rules.wildcardRules, sort, sources),
    diagnostics: sortDiagnostics(rules.diagnostics),
  };
}

/** "any → shop/frontend" for an ingress rule, "shop/frontend → any" for an egress rule (its workloads, joined). */
export function wildcardText(r: Pick<WildcardRule, 'direction' | 'workloads'>): string {
  const own = r.workloads.length ? r.workloads.join(', ') : '(no workload)';
  return r.direction === 'egress' ? `${own} → any` : `any → ${own}`;
}

/** The fields a rule row shows by name; anything else the endpoint sends is shown by `extraFields`. */
const SHOWN_FIELDS = new Set(['rule', 'ref', 'layer', 'lastMatched', 'dangling', 'partOf', 'reason', 'direction', 'workloads', 'usedBy']);

/**
 * Fields of a rule the row does not know by name (the engine may report more about a rule than this view was
 * written for), as `name: text` pairs: strings, numbers
 * and booleans as they are, lists joined, objects as compact JSON. Empty lists and null values are left out.
 */
export function extraFields(rule: object): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(rule)) {
    if (SHOWN_FIELDS.has(key) || value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length) out.push([key, value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(', ')]);
    } else out.push([key, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  return out;
}

/** "paymentServiceLabels" → "payment service labels": a field name as words. */
export const fieldLabel = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
