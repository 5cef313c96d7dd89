import type { Pod } from '../../model/kubernetes';
import type { IstioAuthorizationPolicy, IstioPeerAuthentication, MtlsMode } from './model';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

const subset = (want: Record<string, string>, labels: Record<string, string>) => Object.entries(want).every(([k, v]) => labels[k] === v);

/**
 * Whether an AuthorizationPolicy applies to a pod's sidecar (pilot/pkg/model/policyattachment.go):
 * a policy in the root namespace applies mesh-wide (its selector then matches in every namespace),
 * otherwise only in its own namespace; `targetRefs` policies attach to Gateway API gateways
 * (pods labelled `gateway.networking.k8s.io/gateway-name`), never to ordinary sidecars.
 */
export function policyAppliesTo(policy: IstioAuthorizationPolicy, pod: Pod, rootNamespace: string): boolean {
  if (policy.namespace !== rootNamespace && policy.namespace !== pod.namespace) return false;
  switch (policy.scope.kind) {
    case 'namespace':
      return true;
    case 'selector':
      return subset(policy.scope.matchLabels, pod.labels);
    case 'targetRefs': {
      const gateway = pod.labels[GATEWAY_NAME_LABEL];
      return gateway !== undefined && policy.namespace === pod.namespace && policy.scope.gateways.includes(gateway);
    }
  }
}

/**
 * Gateway pods run Envoy as their main container: their listeners come from Gateway resources, and
 * PeerAuthentication (which configures sidecar inbound listeners) does not apply to them.
 * Recognised by the Gateway API / istio gateway labels, the gateway injection template, or a pod whose only
 * container is istio-proxy (the classic istio-ingressgateway Deployment).
 */
export function isIstioGateway(pod: Pod): boolean {
  if (pod.labels[GATEWAY_NAME_LABEL] !== undefined) return true;
  if (pod.labels.istio === 'ingressgateway' || pod.labels.istio === 'egressgateway') return true;
  if ((pod.annotations['inject.istio.io/templates'] ?? '').split(',').includes('gateway')) return true;
  return pod.containers.length === 1 && pod.containers[0] === 'istio-proxy';
}

/**
 * Whether a PeerAuthentication is one of the levels that configure a pod's sidecar (see peerAuthenticationLevels):
 * no selector = its namespace, or the whole mesh from the root namespace; a selector in the root namespace is ignored.
 */
export function peerAuthenticationSelects(policy: IstioPeerAuthentication, pod: Pod, rootNamespace: string): boolean {
  if (policy.namespace !== rootNamespace && policy.namespace !== pod.namespace) return false;
  if (policy.matchLabels === null) return true;
  return policy.namespace !== rootNamespace && subset(policy.matchLabels, pod.labels);
}

export interface EffectiveMtls {
  mode: Exclude<MtlsMode, 'UNSET'>;
  /** The PeerAuthentication that set the mode, absent when it is Istio's default (PERMISSIVE). */
  decidedBy?: IstioPeerAuthentication;
  portLevel: boolean;
}

/** Istio keeps the policy whose creationTimestamp is strictly earlier (a missing timestamp is the zero time). */
const older = (a: IstioPeerAuthentication, b: IstioPeerAuthentication | undefined) => !b || (a.createdAt ?? '') < (b.createdAt ?? '');

/** The PeerAuthentication in force at each level for a pod: the oldest of each level (see effectiveMtls). */
export interface PeerAuthenticationLevels {
  mesh?: IstioPeerAuthentication;
  namespace?: IstioPeerAuthentication;
  workload?: IstioPeerAuthentication;
}

export function peerAuthenticationLevels(policies: readonly IstioPeerAuthentication[], pod: Pod, rootNamespace: string): PeerAuthenticationLevels {
  let mesh: IstioPeerAuthentication | undefined;
  let namespace: IstioPeerAuthentication | undefined;
  let workload: IstioPeerAuthentication | undefined;
  for (const p of policies) {
    if (p.namespace !== pod.namespace && p.namespace !== rootNamespace) continue;
    if (p.matchLabels === null) {
      if (p.namespace === rootNamespace) {
        if (older(p, mesh)) mesh = p;
      } else if (older(p, namespace)) namespace = p;
    } else if (p.namespace !== rootNamespace && subset(p.matchLabels, pod.labels)) {
      if (older(p, workload)) workload = p;
    }
  }
  return { ...(mesh ? { mesh } : {}), ...(namespace ? { namespace } : {}), ...(workload ? { workload } : {}) };
}

/**
 * The mTLS mode a pod's sidecar enforces on one port (pilot/pkg/security/authn/policy_applier.go
 * `ComposePeerAuthentication`): workload (selector, not in the root namespace) over namespace over
 * mesh (root namespace, no selector); UNSET inherits; the oldest policy wins at each level;
 * selector policies in the root namespace are ignored; portLevelMtls (workload level only) last.
 * Without any policy the mode is PERMISSIVE.
 */
export function effectiveMtls(policies: readonly IstioPeerAuthentication[], pod: Pod, port: number, rootNamespace: string): EffectiveMtls {
  const { mesh, namespace: ns, workload } = peerAuthenticationLevels(policies, pod, rootNamespace);
  let out: EffectiveMtls = { mode: 'PERMISSIVE', portLevel: false };
  for (const level of [mesh, ns, workload]) if (level && level.mode !== 'UNSET') out = { mode: level.mode, decidedBy: level, portLevel: false };
  const portMode = workload?.portLevel.get(port);
  if (workload && portMode !== undefined && portMode !== 'UNSET') out = { mode: portMode, decidedBy: workload, portLevel: true };
  return out;
}
