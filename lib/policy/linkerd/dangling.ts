import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory } from '../../model/kubernetes';
import { formatRuleRef, type RuleRef } from '../../model/verdict';
import { linkerdIdentity } from '../mesh/principal';
import type { LinkerdPolicies } from './parse';

/**
 * Exact identities that no ServiceAccount or pod of the inventory has (the Online Boutique `fraudservice`). An
 * authorization admits a client with any of its identities, so while another identity (or a `*.` pattern) matches
 * someone only the identity is dead: it is reported where it is written (the MeshTLSAuthentication's
 * `identityRefs[1]`, the ServerAuthorization's `serviceAccounts[0]`) as a `partial` part of the authorization. When
 * none matches anyone, the authorization itself is dangling.
 */
export function findDanglingIdentities(policies: LinkerdPolicies, inventory: Inventory, trustDomain: string): Diagnostic[] {
  const known = new Set<string>();
  for (const sa of inventory.serviceAccounts) known.add(linkerdIdentity(trustDomain, sa.namespace, sa.name));
  for (const pod of inventory.pods) known.add(linkerdIdentity(trustDomain, pod.namespace, pod.serviceAccount));
  const authzs = [...policies.serverAuthorizations.map((s) => s.authz), ...policies.authorizationPolicies.map((p) => p.authz)];
  const out: Diagnostic[] = [];
  for (const a of authzs) {
    if (a.authentication.kind !== 'tls-authenticated') continue;
    const ids = a.authentication.identities;
    const dead = ids.flatMap((m) => (m.kind === 'exact' && !known.has(m.identity) ? [m] : []));
    if (dead.length === 0) continue;
    // The authorization as verdicts name it (without the wildcard mark, which only an unauthenticated one has).
    const rule: RuleRef = { kind: a.ref.kind, ...(a.ref.namespace ? { namespace: a.ref.namespace } : {}), name: a.ref.name, ...(a.ref.path ? { path: a.ref.path } : {}) };
    const report = (part: RuleRef, partial: boolean, identities: string[], rest: string) =>
      out.push({
        severity: 'warning',
        code: 'dangling-identity',
        message: `${formatRuleRef(part)}: ${identities.length === 1 ? 'identity' : 'identities'} ${identities.join(', ')} ${identities.length === 1 ? 'matches' : 'match'} no ServiceAccount or pod in the inventory${rest}`,
        ...(a.source ? { file: a.source.file, line: a.source.line } : {}),
        dangling: { rule, part, partial },
      });
    if (dead.length === ids.length) {
      report(rule, false, dead.map((m) => m.identity), ': the authorization admits nobody');
      continue;
    }
    for (const m of dead) report(m.origin ?? rule, true, [m.identity], `; ${formatRuleRef(rule)} still admits its other identities (remove only this one)`);
  }
  return out;
}
