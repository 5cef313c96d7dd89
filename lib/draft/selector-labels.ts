import type { Diagnostic } from '../model/diagnostics';
import type { Inventory, Labels, Workload } from '../model/kubernetes';

/**
 * Labels that identify a workload's pods across rollouts, in order of preference. Labels set per pod or per
 * revision (`pod-template-hash`, `controller-revision-hash`, ...) or by a mesh injector are never used: a
 * selector built on them stops matching at the next rollout or mesh upgrade.
 */
const PREFERRED = ['app', 'app.kubernetes.io/name', 'k8s-app', 'name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'component', 'run'];
const VOLATILE = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'security.istio.io/tlsMode',
  'service.istio.io/canonical-name',
  'service.istio.io/canonical-revision',
  'linkerd.io/control-plane-ns',
  'linkerd.io/proxy-deployment',
  'linkerd.io/workload-ns',
]);

export function isStableLabelKey(key: string): boolean {
  return !VOLATILE.has(key) && !key.startsWith('linkerd.io/proxy-');
}

const matches = (labels: Labels, selector: Labels) => Object.entries(selector).every(([k, v]) => labels[k] === v);

export interface SelectorResult {
  /** `null` when the workload has no stable label to select it by. */
  labels: Labels | null;
  diagnostics: Diagnostic[];
}

/**
 * The smallest set of stable labels (preferred keys first) that selects the workload's pods and no other
 * pod or workload template of its namespace.
 */
export function selectWorkloadLabels(inventory: Inventory, workload: Workload): SelectorResult {
  const name = `${workload.namespace}/${workload.name}`;
  const own = inventory.pods.filter((p) => !p.synthetic && p.workload.namespace === workload.namespace && p.workload.name === workload.name && p.workload.kind === workload.kind);
  // Only labels every pod of the workload carries with the template's value.
  const common = Object.entries(workload.podLabels).filter(([k, v]) => isStableLabelKey(k) && own.every((p) => p.labels[k] === v));
  const ordered = [
    ...PREFERRED.flatMap((k) => common.filter(([key]) => key === k)),
    ...common.filter(([k]) => !PREFERRED.includes(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ];
  if (ordered.length === 0)
    return { labels: null, diagnostics: [{ severity: 'error', code: 'unselectable-workload', message: `${name} has no stable label a policy could select it by; add one (e.g. app=${workload.name})` }] };

  const others: Labels[] = [
    ...inventory.pods.filter((p) => p.namespace === workload.namespace && !(p.workload.name === workload.name && p.workload.kind === workload.kind)).map((p) => p.labels),
    ...inventory.workloads.filter((w) => w.namespace === workload.namespace && !(w.name === workload.name && w.kind === workload.kind)).map((w) => w.podLabels),
  ];
  const selector: Labels = {};
  for (const [k, v] of ordered) {
    selector[k] = v;
    if (!others.some((l) => matches(l, selector))) return { labels: selector, diagnostics: [] };
  }
  const clash = inventory.workloads.filter((w) => w.namespace === workload.namespace && w.name !== workload.name && matches(w.podLabels, selector)).map((w) => `${w.namespace}/${w.name}`);
  return {
    labels: selector,
    diagnostics: [{ severity: 'warning', code: 'selector-not-unique', message: `no label set selects only ${name}; its policies also apply to ${clash.join(', ') || 'other pods of the namespace'}` }],
  };
}
