import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory } from '../../model/kubernetes';
import { formatRuleRef } from '../../model/verdict';
import { linkerdIdentity } from '../mesh/principal';
import type { LinkerdPolicies } from './parse';

/** Exact identities that no ServiceAccount or pod of the inventory has (the Online Boutique `fraudservice`). */
export function findDanglingIdentities(policies: LinkerdPolicies, inventory: Inventory, trustDomain: string): Diagnostic[] {
  const known = new Set<string>();
  for (const sa of inventory.serviceAccounts) known.add(linkerdIdentity(trustDomain, sa.namespace, sa.name));
  for (const pod of inventory.pods) known.add(linkerdIdentity(trustDomain, pod.namespace, pod.serviceAccount));
  const authzs = [...policies.serverAuthorizations.map((s) => s.authz), ...policies.authorizationPolicies.map((p) => p.authz)];
  const out: Diagnostic[] = [];
  for (const a of authzs) {
    if (a.authentication.kind !== 'tls-authenticated') continue;
    for (const m of a.authentication.identities) {
      if (m.kind !== 'exact' || known.has(m.identity)) continue;
      out.push({
        severity: 'warning',
        code: 'dangling-identity',
        message: `${formatRuleRef(a.ref)}: identity ${m.identity} matches no ServiceAccount or pod in the inventory`,
        ...(a.source ? { file: a.source.file, line: a.source.line } : {}),
      });
    }
  }
  return out;
}
