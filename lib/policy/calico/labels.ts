import type { Labels, Pod } from '../../model/kubernetes';

/**
 * Labels Calico gives a Kubernetes pod's workload endpoint: the pod labels, `projectcalico.org/namespace`,
 * `projectcalico.org/orchestrator`, `projectcalico.org/serviceaccount`, and the namespace and service-account
 * labels with the `pcns.` / `pcsa.` prefixes (libcalico-go conversion, "Kubernetes labels" in the selector docs:
 * https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#selectors).
 */
export function podLabels(pod: Pod, namespaceLabels: Labels): Labels {
  const out: Labels = { ...pod.labels };
  for (const [k, v] of Object.entries(namespaceLabels)) out[`pcns.${k}`] = v;
  out['pcns.projectcalico.org/name'] = pod.namespace;
  const sa = pod.serviceAccount || 'default';
  out['pcsa.projectcalico.org/name'] = sa;
  out['projectcalico.org/namespace'] = pod.namespace;
  out['projectcalico.org/orchestrator'] = 'k8s';
  out['projectcalico.org/serviceaccount'] = sa;
  return out;
}

/** Namespace labels as `namespaceSelector` sees them: the namespace's labels plus `projectcalico.org/name`. */
export function namespaceSelectorLabels(name: string, labels: Labels): Labels {
  return { ...labels, 'projectcalico.org/name': name };
}

/** Service-account labels as `serviceAccounts.selector` / `serviceAccountSelector` see them (the inventory keeps no SA labels). */
export function serviceAccountLabels(name: string): Labels {
  return { 'projectcalico.org/name': name };
}
