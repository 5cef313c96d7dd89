import { CLUSTER_LABEL, NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL, splitSelectorKey, type CiliumLabel } from './labels';

/**
 * A Cilium EndpointSelector: a Kubernetes LabelSelector whose keys carry a label source.
 * All requirements are ANDed; `{}` matches every identity, reserved ones included.
 */
export interface Requirement {
  source: string;
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface CiliumSelector {
  requirements: Requirement[];
  /** As written in the policy, for explanations. */
  text: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseCiliumSelector(raw: unknown): { ok: true; selector: CiliumSelector } | { ok: false; error: string } {
  if (raw === undefined || raw === null) return { ok: true, selector: { requirements: [], text: '{}' } };
  if (!isRecord(raw)) return { ok: false, error: 'selector must be an object' };
  const requirements: Requirement[] = [];
  if (raw.matchLabels !== undefined && raw.matchLabels !== null) {
    if (!isRecord(raw.matchLabels)) return { ok: false, error: 'matchLabels must be a map' };
    for (const [k, v] of Object.entries(raw.matchLabels)) {
      if (v !== null && typeof v === 'object') return { ok: false, error: `matchLabels.${k} must be a string` };
      requirements.push({ ...splitSelectorKey(k), operator: 'In', values: [v === null || v === undefined ? '' : String(v)] });
    }
  }
  if (raw.matchExpressions !== undefined && raw.matchExpressions !== null) {
    if (!Array.isArray(raw.matchExpressions)) return { ok: false, error: 'matchExpressions must be a list' };
    for (const [i, e] of raw.matchExpressions.entries()) {
      if (!isRecord(e) || typeof e.key !== 'string') return { ok: false, error: `matchExpressions[${i}] needs a key` };
      const op = e.operator;
      if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') return { ok: false, error: `matchExpressions[${i}]: unknown operator ${JSON.stringify(op)}` };
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      if ((op === 'In' || op === 'NotIn') && values.length === 0) return { ok: false, error: `matchExpressions[${i}]: operator ${op} needs values` };
      requirements.push({ ...splitSelectorKey(e.key), operator: op, values });
    }
  }
  return { ok: true, selector: { requirements, text: JSON.stringify(raw) } };
}

function keyMatches(r: Requirement, l: CiliumLabel): boolean {
  return l.key === r.key && (r.source === 'any' || r.source === l.source);
}

export function matchCiliumSelector(s: CiliumSelector, labels: readonly CiliumLabel[]): boolean {
  return s.requirements.every((r) => {
    const found = labels.filter((l) => keyMatches(r, l));
    switch (r.operator) {
      case 'In':
        return found.some((l) => r.values.includes(l.value));
      case 'NotIn':
        return !found.some((l) => r.values.includes(l.value));
      case 'Exists':
        return found.length > 0;
      case 'DoesNotExist':
        return found.length === 0;
    }
  });
}

const hasKey = (s: CiliumSelector, key: string) => s.requirements.some((r) => r.key === key && (r.source === 'k8s' || r.source === 'any'));
const hasKeyPrefix = (s: CiliumSelector, prefix: string) => s.requirements.some((r) => r.key.startsWith(prefix) && (r.source === 'k8s' || r.source === 'any'));

/**
 * Namespace scoping of peer selectors, as `getEndpointSelector` in pkg/k8s/apis/cilium.io/utils/utils.go does it:
 * - a selector on reserved labels (`reserved:host`) is left alone;
 * - a CiliumNetworkPolicy peer selector without a namespace key (`k8s:io.kubernetes.pod.namespace`) and without a
 *   namespace-label key (`io.cilium.k8s.namespace.labels.*`) is limited to the policy's own namespace;
 * - a CiliumClusterwideNetworkPolicy peer selector without a namespace key only matches pods (it gets an `Exists`
 *   on the namespace label), so `fromEndpoints: [{}]` there means "every pod", not "every identity".
 */
export function scopePeerSelector(s: CiliumSelector, policyNamespace: string | undefined): CiliumSelector {
  if (s.requirements.some((r) => r.source === 'reserved')) return s;
  if (hasKey(s, POD_NAMESPACE_LABEL)) return s;
  if (policyNamespace === undefined) {
    return { ...s, requirements: [...s.requirements, { source: 'k8s', key: POD_NAMESPACE_LABEL, operator: 'Exists', values: [] }] };
  }
  if (hasKeyPrefix(s, NAMESPACE_LABELS_PREFIX)) return s;
  return { ...s, requirements: [...s.requirements, { source: 'k8s', key: POD_NAMESPACE_LABEL, operator: 'In', values: [policyNamespace] }] };
}

/**
 * `endpointSelector` of a CiliumNetworkPolicy always applies in the policy's namespace: any namespace match the user
 * wrote is replaced (ParseToCiliumRule, "removing illegal namespace match"). A CCNP's subject selector is used as is.
 */
export function scopeSubjectSelector(s: CiliumSelector, policyNamespace: string | undefined): CiliumSelector {
  if (policyNamespace === undefined) return s;
  const rest = s.requirements.filter((r) => !(r.key === POD_NAMESPACE_LABEL && (r.source === 'k8s' || r.source === 'any') && r.operator === 'In'));
  return { ...s, requirements: [...rest, { source: 'k8s', key: POD_NAMESPACE_LABEL, operator: 'In', values: [policyNamespace] }] };
}

/** Selectors behind each entity (pkg/policy/api/entity.go `EntitySelectorMapping` and `InitEntities`). */
export function entitySelectors(entity: string, clusterName: string): CiliumSelector[] | 'all' | null {
  const reserved = (name: string): CiliumSelector => ({ requirements: [{ source: 'reserved', key: name, operator: 'Exists', values: [] }], text: `reserved:${name}` });
  switch (entity) {
    case 'all':
      return 'all';
    case 'world':
      return [reserved('world'), reserved('world-ipv4'), reserved('world-ipv6')];
    case 'world-ipv4':
      return [reserved('world-ipv4')];
    case 'world-ipv6':
      return [reserved('world-ipv6')];
    case 'host':
    case 'remote-node':
    case 'kube-apiserver':
    case 'health':
    case 'init':
    case 'ingress':
    case 'unmanaged':
    case 'none':
      return [reserved(entity)];
    case 'cluster':
      return [
        ...['host', 'remote-node', 'init', 'health', 'unmanaged', 'ingress', 'kube-apiserver'].map(reserved),
        { requirements: [{ source: 'k8s', key: CLUSTER_LABEL, operator: 'In', values: [clusterName] }], text: `k8s:${CLUSTER_LABEL}=${clusterName}` },
      ];
    default:
      return null;
  }
}
