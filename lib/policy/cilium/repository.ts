import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory, Pod } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import { CiliumIdentities, type CiliumEndpoint } from './identity';
import type { CiliumLabel } from './labels';
import { CiliumNetpolView } from './netpol-view';
import { isCidrGroup, isCiliumPolicy, parseCidrGroup, parseCiliumPolicy } from './parse';
import { matchCiliumSelector } from './selector';
import type { CidrGroup, CiliumRule } from './types';

export interface CiliumOptions {
  /** `cluster-name` of the Cilium agent (pods carry `io.cilium.k8s.policy.cluster=<name>`); Cilium's default is `default`. */
  clusterName: string;
}

export const DEFAULT_CILIUM_OPTIONS: CiliumOptions = { clusterName: 'default' };

/** All Cilium rules plus the Kubernetes NetworkPolicies of the input: Cilium's single policy repository. */
export class CiliumRepository {
  readonly rules: CiliumRule[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly ids: CiliumIdentities;
  readonly netpols: CiliumNetpolView;
  readonly ciliumPolicyCount: number;
  readonly cidrGroups: CidrGroup[] = [];
  private podRules = new WeakMap<Pod, CiliumRule[]>();

  constructor(inventory: Inventory, objects: ManifestObject[], options: CiliumOptions) {
    this.ids = new CiliumIdentities(inventory, options.clusterName);
    this.netpols = new CiliumNetpolView(inventory, objects);
    let n = 0;
    for (const o of objects) {
      if (!isCidrGroup(o)) continue;
      const g = parseCidrGroup(o);
      this.cidrGroups.push(g.value);
      this.diagnostics.push(...g.diagnostics);
    }
    for (const o of objects) {
      if (!isCiliumPolicy(o)) continue;
      n++;
      const r = parseCiliumPolicy(o, options);
      this.rules.push(...r.value);
      this.diagnostics.push(...r.diagnostics);
    }
    this.ciliumPolicyCount = n;
  }

  /** The rules whose subject is this endpoint: `endpointSelector` for pods, `nodeSelector` for nodes (host policies). */
  rulesOf(e: CiliumEndpoint): CiliumRule[] {
    if (e.kind === 'external') return [];
    if (e.kind === 'host') {
      const labels: CiliumLabel[] = Object.entries(e.node?.labels ?? {}).map(([key, value]) => ({ source: 'k8s', key, value }));
      return this.rules.filter((r) => r.subject.kind === 'nodes' && matchCiliumSelector(r.subject.selector, labels));
    }
    const pod = e.pod!;
    let rules = this.podRules.get(pod);
    if (!rules) {
      const labels = this.ids.labelsOf(e, pod.nodeName);
      rules = this.rules.filter((r) => r.subject.kind === 'endpoints' && matchCiliumSelector(r.subject.selector, labels));
      this.podRules.set(pod, rules);
    }
    return rules;
  }
}
