import type { Namespace, Pod } from '../../model/kubernetes';
import type { RuleRef } from '../../model/verdict';
import { parseCidr } from '../model/cidr';
import type { ClientAuthorization, DefaultPolicy, LinkerdConfig, NetworkMatch } from './model';
import { isDefaultPolicy } from './parse';

export const DEFAULT_POLICY_ANNOTATION = 'config.linkerd.io/default-inbound-policy';
const REQUIRE_IDENTITY_ANNOTATION = 'config.linkerd.io/proxy-require-identity-inbound-ports';
const OPAQUE_PORTS_ANNOTATION = 'config.linkerd.io/opaque-ports';

export interface ResolvedDefault {
  policy: DefaultPolicy;
  /** The annotation or config that set it; absent for Linkerd's built-in default. */
  source?: RuleRef;
  where: string;
}

/**
 * The default inbound policy of a pod: the pod (template) annotation, else its namespace's, else the cluster
 * default (https://linkerd.io/2-edge/features/server-policy/#default-policies).
 */
export function resolveDefaultPolicy(pod: Pod, namespace: Namespace | undefined, config: LinkerdConfig): ResolvedDefault {
  const path = `metadata.annotations[${DEFAULT_POLICY_ANNOTATION}]`;
  const onPod = pod.annotations[DEFAULT_POLICY_ANNOTATION];
  if (isDefaultPolicy(onPod)) return { policy: onPod, source: { kind: pod.synthetic ? pod.workload.kind : 'Pod', namespace: pod.namespace, name: pod.synthetic ? pod.workload.name : pod.name, path }, where: `annotation on ${pod.namespace}/${pod.synthetic ? pod.workload.name : pod.name}` };
  const onNs = namespace?.annotations[DEFAULT_POLICY_ANNOTATION];
  if (isDefaultPolicy(onNs)) return { policy: onNs, source: { kind: 'Namespace', name: pod.namespace, path }, where: `annotation on namespace ${pod.namespace}` };
  return { policy: config.defaultPolicy, ...(config.defaultSource ? { source: config.defaultSource } : {}), where: config.defaultSource ? 'cluster default (linkerd-config)' : 'cluster default' };
}

const portList = (v: string | undefined) =>
  (v ?? '').split(',').flatMap((p) => {
    const [a, b] = p.trim().split('-').map(Number);
    return a === undefined || Number.isNaN(a) ? [] : [{ from: a, to: b === undefined || Number.isNaN(b) ? a : b }];
  });

const inPorts = (v: string | undefined, port: number) => portList(v).some((r) => port >= r.from && port <= r.to);

export function requiresIdentity(pod: Pod, port: number): boolean {
  return inPorts(pod.annotations[REQUIRE_IDENTITY_ANNOTATION], port);
}

export function isOpaquePort(pod: Pod, namespace: Namespace | undefined, port: number): boolean {
  return inPorts(pod.annotations[OPAQUE_PORTS_ANNOTATION] ?? namespace?.annotations[OPAQUE_PORTS_ANNOTATION], port);
}

const ALL_NETWORKS: NetworkMatch[] = [parseCidr('0.0.0.0/0'), parseCidr('::/0')].flatMap((c) => (c ? [{ net: c, except: [] }] : []));

/** The authorization a default policy stands for (policy-controller/k8s/index/src/defaults.rs `default_authzs`). */
export function defaultAuthorization(policy: DefaultPolicy, ref: RuleRef, authenticatedOnly = false): ClientAuthorization | null {
  const tls = { kind: 'tls-authenticated' as const, identities: [{ kind: 'suffix' as const, labels: [] }] };
  switch (policy) {
    case 'deny':
      return null;
    case 'audit':
      return { ref, networks: ALL_NETWORKS, authentication: { kind: 'unauthenticated' }, audit: true };
    case 'all-unauthenticated':
      return { ref, networks: ALL_NETWORKS, authentication: authenticatedOnly ? tls : { kind: 'unauthenticated' } };
    case 'cluster-unauthenticated':
      return { ref, networks: 'cluster', authentication: authenticatedOnly ? tls : { kind: 'unauthenticated' } };
    case 'all-authenticated':
      return { ref, networks: ALL_NETWORKS, authentication: tls };
    case 'cluster-authenticated':
      return { ref, networks: 'cluster', authentication: tls };
  }
}
