import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory, Pod } from '../../model/kubernetes';
import type { SourceRef } from '../../model/source';
import { formatRuleRef, type RuleRef } from '../../model/verdict';
import { meshMembership } from '../mesh/membership';
import type { IstioAuthorizationPolicy, IstioPeerAuthentication } from './model';
import { isIstioGateway, peerAuthenticationSelects, policyAppliesTo } from './policy-scope';

const FINISHED = new Set(['Succeeded', 'Failed']);
const SHOWN = 3;

interface Scoped {
  ref: RuleRef;
  source?: SourceRef;
  /** Namespace-wide or mesh-wide (root namespace): such a policy reaches every pod there, sidecar or not. */
  wide: boolean;
  selects(pod: Pod): boolean;
}

/** `Deployment/shop/api`, with `: 1 of its 2 pods` when the policy also reaches replicas of it that have the sidecar. */
function workloadsText(unmeshed: readonly Pod[], selected: readonly Pod[]): string {
  const key = (p: Pod) => `${p.workload.kind}/${p.namespace}/${p.workload.name}`;
  const counts = new Map<string, number>();
  for (const p of unmeshed) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  const names = [...counts].map(([workload, n]) => {
    const of = selected.filter((p) => key(p) === workload).length;
    return n < of ? `${workload}: ${n} of its ${of} pods` : workload;
  });
  return names.slice(0, SHOWN).join('; ') + (names.length > SHOWN ? `; and ${names.length - SHOWN} more` : '');
}

/**
 * AuthorizationPolicies and PeerAuthentications whose pods run no istio-proxy sidecar. Istio enforces both in the
 * Envoy proxy of the destination workload (https://istio.io/latest/docs/concepts/security/#authorization-architecture):
 * without it the policy has no effect there, and the node panel marks it "not enforced" (selecting.ts). Said once
 * per policy, as the Linkerd layer does for Servers (../linkerd/unmeshed.ts). A namespace-wide or mesh-wide
 * (root namespace) policy also reaches the pods a mesh leaves out on purpose, so it is reported only when none of
 * its pods has the sidecar; a selector policy names the workloads whose pods lack it.
 */
export function findUnmeshedIstioPolicies(
  policies: readonly IstioAuthorizationPolicy[],
  peerAuthentications: readonly IstioPeerAuthentication[],
  inventory: Inventory,
  rootNamespace: string,
): Diagnostic[] {
  const namespaces = new Map(inventory.namespaces.map((n) => [n.name, n]));
  const scoped: Scoped[] = [
    ...policies.map((p) => ({ ref: p.ref, source: p.source, wide: p.scope.kind === 'namespace' || p.namespace === rootNamespace, selects: (pod: Pod) => policyAppliesTo(p, pod, rootNamespace) })),
    // A gateway's Envoy ignores PeerAuthentication (policy-scope.ts isIstioGateway).
    ...peerAuthentications.map((p) => ({ ref: p.ref, source: p.source, wide: p.matchLabels === null, selects: (pod: Pod) => !isIstioGateway(pod) && peerAuthenticationSelects(p, pod, rootNamespace) })),
  ];
  const out: Diagnostic[] = [];
  for (const policy of scoped) {
    const selected = inventory.pods.filter((p) => !FINISHED.has(p.phase ?? '') && policy.selects(p));
    const unmeshed = selected.filter((p) => !meshMembership('istio', p, namespaces.get(p.namespace)).meshed);
    if (unmeshed.length === 0) continue;
    const all = unmeshed.length === selected.length;
    if (policy.wide && !all) continue;
    const which = all
      ? selected.length === 1
        ? 'the pod it selects runs no istio-proxy sidecar'
        : `none of the ${selected.length} pods it selects runs an istio-proxy sidecar`
      : `${unmeshed.length} of the ${selected.length} pods it selects run no istio-proxy sidecar`;
    out.push({
      severity: 'warning',
      code: 'istio-not-enforced',
      message: `${formatRuleRef(policy.ref)}: not enforced, ${which} (${workloadsText(unmeshed, selected)}); it has no effect there`,
      ...(policy.source ? { file: policy.source.file, line: policy.source.line } : {}),
    });
  }
  return out;
}
