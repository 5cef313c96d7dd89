import type { Labels, Pod } from '../../model/kubernetes';

/**
 * Cilium identity labels. Every label has a source (`k8s`, `reserved`, ...); a selector key may name the source
 * (`k8s:app`, `reserved:host`) or not (`app` = `any:app`, any source).
 * https://docs.cilium.io/en/stable/security/policy/language/#endpoints-based and pkg/labels/labels.go.
 */
export interface CiliumLabel {
  source: string;
  key: string;
  value: string;
}

/** Well-known label keys a Cilium agent adds to every pod (pkg/k8s/apis/cilium.io/const.go). */
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
export const SERVICE_ACCOUNT_LABEL = 'io.cilium.k8s.policy.serviceaccount';
export const CLUSTER_LABEL = 'io.cilium.k8s.policy.cluster';

/** The labels of a pod's security identity: its own labels plus namespace, namespace labels, service account and cluster. */
export function podIdentityLabels(pod: Pod, namespaceLabels: Labels, clusterName: string): CiliumLabel[] {
  const out: CiliumLabel[] = [];
  for (const [key, value] of Object.entries(pod.labels)) out.push({ source: 'k8s', key, value });
  out.push({ source: 'k8s', key: POD_NAMESPACE_LABEL, value: pod.namespace });
  for (const [key, value] of Object.entries(namespaceLabels)) out.push({ source: 'k8s', key: NAMESPACE_LABELS_PREFIX + key, value });
  out.push({ source: 'k8s', key: SERVICE_ACCOUNT_LABEL, value: pod.serviceAccount || 'default' });
  out.push({ source: 'k8s', key: CLUSTER_LABEL, value: clusterName });
  return out;
}

export function reservedLabels(...names: string[]): CiliumLabel[] {
  return names.map((key) => ({ source: 'reserved', key, value: '' }));
}

/** Splits a selector key `source:key` (pkg/labels `ParseSelectLabel`); no source means `any`. */
export function splitSelectorKey(raw: string): { source: string; key: string } {
  const i = raw.indexOf(':');
  if (i <= 0) return { source: 'any', key: raw };
  return { source: raw.slice(0, i), key: raw.slice(i + 1) };
}

export function formatLabel(l: CiliumLabel): string {
  return `${l.source}:${l.key}${l.value ? `=${l.value}` : ''}`;
}
