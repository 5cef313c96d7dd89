import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory } from '../../model/kubernetes';
import { formatRuleRef, type RuleRef } from '../../model/verdict';
import { istioPrincipal } from '../mesh/principal';
import type { AttributeCheck, IstioAuthorizationPolicy } from './model';
import { localTrustDomain } from './rule-match';

interface DeadValue {
  check: AttributeCheck;
  index: number;
  value: string;
}

/**
 * Exact principals of ALLOW rules that name no ServiceAccount of the inventory (the Online Boutique `fraudservice`
 * principal): they admit nobody today, and are flagged, not drawn as edges. Sources are ORed and the values of a
 * list too, while the fields of one source are ANDed, so the piece reported is the smallest one that can go:
 * - the principal, when its `principals` list has a value that matches someone (the rule goes on admitting them);
 * - the whole `from` entry, when no principal of a list of it matches anyone (removing the values alone would leave a
 *   source without principals, which admits every peer);
 * - the rule, when none of its sources can match (it is dangling as a whole).
 * Only the rule counts as dangling then: the rest is `partial`, a part of a rule that still admits callers.
 */
export function findDanglingPrincipals(policies: readonly IstioAuthorizationPolicy[], inventory: Inventory, trustDomain: string): Diagnostic[] {
  const known = new Set<string>();
  for (const sa of inventory.serviceAccounts) known.add(istioPrincipal(trustDomain, sa.namespace, sa.name));
  for (const pod of inventory.pods) known.add(istioPrincipal(trustDomain, pod.namespace, pod.serviceAccount));
  const dangling = (value: string) => {
    const v = localTrustDomain(value, trustDomain);
    return !v.includes('*') && v.startsWith(`${trustDomain}/`) && !known.has(v);
  };
  const out: Diagnostic[] = [];
  for (const p of policies) {
    if (p.action !== 'ALLOW') continue;
    for (const rule of p.rules) {
      if (!rule.from) continue;
      const ruleRef: RuleRef = { ...p.ref, path: `rules[${rule.index}]` };
      const entries = rule.from.map((checks, i) => {
        const principals = checks.filter((c) => c.key === 'source.principal' && c.values.length > 0);
        const dead: DeadValue[] = principals.flatMap((check) => check.values.flatMap((value, index) => (dangling(value) ? [{ check, index, value }] : [])));
        return { i, dead, alive: principals.every((c) => c.values.some((v) => !dangling(v))) };
      });
      const report = (part: RuleRef, partial: boolean, dead: DeadValue[], rest: string) =>
        out.push({
          severity: 'warning',
          code: 'dangling-principal',
          message: `${formatRuleRef(part)}: ${dead.length === 1 ? 'principal' : 'principals'} ${dead.map((d) => d.value).join(', ')} ${dead.length === 1 ? 'matches' : 'match'} no ServiceAccount or pod in the inventory${rest}`,
          ...(p.source ? { file: p.source.file, line: p.source.line } : {}),
          dangling: { rule: ruleRef, part, partial },
        });
      const dead = entries.flatMap((e) => e.dead);
      if (dead.length === 0) continue;
      if (!entries.some((e) => e.alive)) {
        report(ruleRef, false, dead, ': the rule admits nobody');
        continue;
      }
      for (const e of entries) {
        if (e.dead.length === 0) continue;
        const here = `rules[${rule.index}].from[${e.i}]`;
        if (!e.alive) report({ ...p.ref, path: here }, true, e.dead, `: ${here} admits nobody, the rule's other sources still match (remove ${here}, not only its principals, which would admit every source)`);
        else for (const d of e.dead) report({ ...p.ref, path: `${d.check.field}[${d.index}]` }, true, [d], `; the rule's other principals still match (remove only this one)`);
      }
    }
  }
  return out;
}
