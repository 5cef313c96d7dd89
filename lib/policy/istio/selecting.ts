import type { Pod } from '../../model/kubernetes';
import { formatRuleRef, type SelectingPolicy } from '../../model/verdict';
import { meshMembership } from '../mesh/membership';
import { applicablePolicies, type IstioData } from './decide';
import type { IstioAuthorizationPolicy, IstioPeerAuthentication } from './model';
import { isIstioGateway, peerAuthenticationLevels } from './policy-scope';

const policyRef = (p: { ref: { kind: string; namespace?: string; name: string } }) => ({ kind: p.ref.kind, ...(p.ref.namespace ? { namespace: p.ref.namespace } : {}), name: p.ref.name });

function scopeText(p: IstioAuthorizationPolicy, pod: Pod, root: string): string {
  const meshWide = p.namespace === root && pod.namespace !== root;
  switch (p.scope.kind) {
    case 'namespace':
      return meshWide ? `mesh-wide (root namespace ${root})` : `namespace-wide`;
    case 'selector':
      return meshWide ? `selector, mesh-wide (root namespace ${root})` : 'selector';
    case 'targetRefs':
      return `targetRefs: Gateway ${p.scope.gateways.join(', ')}`;
  }
}

function authorizationEntry(p: IstioAuthorizationPolicy, pod: Pod, root: string, notEnforced: string | null): SelectingPolicy {
  const action = p.action === 'CUSTOM' ? `CUSTOM (provider ${p.provider ?? 'none'})` : p.action;
  const parts = [action, scopeText(p, pod, root)];
  if (p.action === 'ALLOW' && p.rules.length === 0) parts.push('no rules: allows nothing');
  if (p.dryRun) parts.push('dry-run: reported, never enforced');
  if (notEnforced) parts.push(notEnforced);
  const isolates = p.action === 'ALLOW' && !p.dryRun && !notEnforced ? (['ingress'] as const) : [];
  return { layer: 'istio', ref: policyRef(p), directions: ['ingress'], isolates: [...isolates], note: parts.join('; ') };
}

const LEVEL_TEXT = { mesh: 'mesh-wide', namespace: 'namespace-wide', workload: 'workload selector' } as const;

/** The PeerAuthentication of each level, its mode and what a more specific level overrides (effectiveMtls composes them). */
function peerAuthenticationEntries(data: IstioData, pod: Pod, notEnforced: string | null): SelectingPolicy[] {
  const levels = peerAuthenticationLevels(data.peerAuthentications, pod, data.options.istioRootNamespace);
  const order = ['mesh', 'namespace', 'workload'] as const;
  const setting = order.filter((l) => levels[l] && levels[l].mode !== 'UNSET');
  const effective = setting.length ? levels[setting[setting.length - 1]!] : undefined;
  return order.flatMap((level): SelectingPolicy[] => {
    const p: IstioPeerAuthentication | undefined = levels[level];
    if (!p) return [];
    const ports = [...p.portLevel.entries()].filter(([, m]) => m !== 'UNSET').map(([port, m]) => `port ${port} ${m}`);
    const parts = [`mTLS ${p.mode === 'UNSET' ? 'UNSET (inherits)' : p.mode}${ports.length ? ` (${ports.join(', ')})` : ''}`, LEVEL_TEXT[level]];
    if (p.mode !== 'UNSET' && effective && effective !== p) parts.push(`overridden by ${formatRuleRef(policyRef(effective))}`);
    if (notEnforced) parts.push(notEnforced);
    return [{ layer: 'istio', ref: policyRef(p), directions: ['ingress'], isolates: [], note: parts.join('; ') }];
  });
}

/**
 * The Istio policies attached to a pod's sidecar: AuthorizationPolicies by selector, namespace-wide, mesh-wide from
 * the root namespace, or by `targetRefs` for a Gateway's pods (applicablePolicies), then the PeerAuthentication of
 * each level with its mTLS mode (the one in force and what it overrides). Istio authorizes at the destination, so
 * every entry is about ingress; an enforced ALLOW policy isolates it. A pod without the sidecar still lists them,
 * marked as not enforced; a gateway's Envoy ignores PeerAuthentication.
 */
export function istioSelecting(data: IstioData, pod: Pod): SelectingPolicy[] {
  const member = meshMembership('istio', pod, data.namespaces.get(pod.namespace));
  const notEnforced = member.meshed ? null : `not enforced: ${member.why}`;
  const root = data.options.istioRootNamespace;
  const authorizations = applicablePolicies(data, pod).map((p) => authorizationEntry(p, pod, root, notEnforced));
  return [...authorizations, ...(isIstioGateway(pod) ? [] : peerAuthenticationEntries(data, pod, notEnforced))];
}
