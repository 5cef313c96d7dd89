import type { Namespace, Pod } from '../../model/kubernetes';

/**
 * Mesh membership as `kubectl get -o yaml` shows it.
 * - A listed pod is meshed when the injector ran: it has the proxy container (`istio-proxy` / `linkerd-proxy`,
 *   also as a native-sidecar init container) or the injector's status annotation. Labels and namespace
 *   settings do not count for a running pod: injection happens only at pod creation.
 * - A synthetic pod (a workload template with no pod listed) is meshed when injection would happen:
 *   Istio: https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy
 *   (pod label/annotation `sidecar.istio.io/inject`, namespace label `istio-injection`, or `istio.io/rev`);
 *   Linkerd: https://linkerd.io/2-edge/features/proxy-injection/ (`linkerd.io/inject` on the template or namespace).
 * - hostNetwork pods are never injected (they share the node's network namespace).
 */
export type MeshName = 'istio' | 'linkerd';

const PROXY_CONTAINER: Record<MeshName, string> = { istio: 'istio-proxy', linkerd: 'linkerd-proxy' };
const STATUS_ANNOTATION: Record<MeshName, string> = { istio: 'sidecar.istio.io/status', linkerd: 'linkerd.io/proxy-version' };

export interface Membership {
  meshed: boolean;
  /** Why, for explanations: "has the istio-proxy container", "namespace boutique has istio-injection=enabled". */
  why: string;
}

export function meshMembership(mesh: MeshName, pod: Pod, namespace: Namespace | undefined): Membership {
  const who = `${pod.namespace}/${pod.name}`;
  if (pod.hostNetwork) return { meshed: false, why: `${who} uses hostNetwork (never injected)` };
  if (!pod.synthetic) {
    if (pod.containers.includes(PROXY_CONTAINER[mesh])) return { meshed: true, why: `${who} has the ${PROXY_CONTAINER[mesh]} container` };
    if (pod.annotations[STATUS_ANNOTATION[mesh]] !== undefined) return { meshed: true, why: `${who} has the ${STATUS_ANNOTATION[mesh]} annotation` };
    return { meshed: false, why: `${who} has no ${PROXY_CONTAINER[mesh]} sidecar` };
  }
  return mesh === 'istio' ? istioTemplateInjection(pod, namespace) : linkerdTemplateInjection(pod, namespace);
}

function istioTemplateInjection(pod: Pod, namespace: Namespace | undefined): Membership {
  const who = `${pod.workload.kind}/${pod.namespace}/${pod.workload.name}`;
  const podOpt = pod.labels['sidecar.istio.io/inject'] ?? pod.annotations['sidecar.istio.io/inject'];
  if (podOpt === 'false') return { meshed: false, why: `${who} sets sidecar.istio.io/inject=false` };
  const nsLabels = namespace?.labels ?? {};
  const nsInjection = nsLabels['istio-injection'];
  if (nsInjection === 'disabled') return { meshed: false, why: `namespace ${pod.namespace} has istio-injection=disabled` };
  if (nsInjection === 'enabled') return { meshed: true, why: `namespace ${pod.namespace} has istio-injection=enabled` };
  if (nsLabels['istio.io/rev'] !== undefined) return { meshed: true, why: `namespace ${pod.namespace} has istio.io/rev=${nsLabels['istio.io/rev']}` };
  if (pod.labels['istio.io/rev'] !== undefined) return { meshed: true, why: `${who} has istio.io/rev=${pod.labels['istio.io/rev']}` };
  if (podOpt === 'true') return { meshed: true, why: `${who} sets sidecar.istio.io/inject=true` };
  if (pod.containers.includes('istio-proxy')) return { meshed: true, why: `${who} has the istio-proxy container` };
  return { meshed: false, why: `${who} is not injected (no istio-injection/istio.io/rev on namespace ${pod.namespace})` };
}

function linkerdTemplateInjection(pod: Pod, namespace: Namespace | undefined): Membership {
  const who = `${pod.workload.kind}/${pod.namespace}/${pod.workload.name}`;
  const podOpt = pod.annotations['linkerd.io/inject'];
  if (podOpt === 'disabled') return { meshed: false, why: `${who} sets linkerd.io/inject: disabled` };
  if (podOpt === 'enabled' || podOpt === 'ingress') return { meshed: true, why: `${who} sets linkerd.io/inject: ${podOpt}` };
  const nsOpt = namespace?.annotations['linkerd.io/inject'];
  if (nsOpt === 'enabled' || nsOpt === 'ingress') return { meshed: true, why: `namespace ${pod.namespace} has linkerd.io/inject: ${nsOpt}` };
  if (pod.containers.includes('linkerd-proxy')) return { meshed: true, why: `${who} has the linkerd-proxy container` };
  return { meshed: false, why: `${who} is not injected (no linkerd.io/inject: enabled on it or namespace ${pod.namespace})` };
}
