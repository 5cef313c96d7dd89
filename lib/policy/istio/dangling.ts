import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory } from '../../model/kubernetes';
import { formatRuleRef } from '../../model/verdict';
import { istioPrincipal } from '../mesh/principal';
import type { IstioAuthorizationPolicy } from './model';
import { localTrustDomain } from './rule-match';

/**
 * Exact principals of ALLOW rules that name no ServiceAccount of the inventory (the Online Boutique
 * `fraudservice` rule): the rule grants access to an identity nobody has, and is flagged, not drawn as an edge.
 */
export function findDanglingPrincipals(policies: readonly IstioAuthorizationPolicy[], inventory: Inventory, trustDomain: string): Diagnostic[] {
  const known = new Set<string>();
  for (const sa of inventory.serviceAccounts) known.add(istioPrincipal(trustDomain, sa.namespace, sa.name));
  for (const pod of inventory.pods) known.add(istioPrincipal(trustDomain, pod.namespace, pod.serviceAccount));
  const out: Diagnostic[] = [];
  for (const p of policies) {
    if (p.action !== 'ALLOW') continue;
    for (const rule of p.rules) {
      for (const checks of rule.from ?? []) {
        for (const c of checks) {
          if (c.key !== 'source.principal') continue;
          for (const value of c.values) {
            const v = localTrustDomain(value, trustDomain);
            if (v.includes('*') || !v.startsWith(`${trustDomain}/`) || known.has(v)) continue;
            out.push({
              severity: 'warning',
              code: 'dangling-principal',
              message: `${formatRuleRef({ ...p.ref, path: `rules[${rule.index}]` })}: principal ${value} matches no ServiceAccount or pod in the inventory`,
              ...(p.source ? { file: p.source.file, line: p.source.line } : {}),
            });
          }
        }
      }
    }
  }
  return out;
}
