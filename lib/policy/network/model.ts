import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory, Pod } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import { isClusterNetworkPolicyKind, parseClusterPolicy } from '../anp/parse';
import type { ClusterPolicy } from '../anp/types';
import { EndpointIndex } from '../model/endpoint';
import { matchSelector } from '../model/selector';
import { isNetworkPolicy, parseNetworkPolicy } from '../netpol/parse';
import type { Netpol } from '../netpol/types';

/** The policies that select one pod, per tier and direction (computed once per pod). */
export interface PodPolicies {
  npIngress: Netpol[];
  npEgress: Netpol[];
  adminIngress: ClusterPolicy[];
  adminEgress: ClusterPolicy[];
  baselineIngress: ClusterPolicy[];
  baselineEgress: ClusterPolicy[];
}

const NONE: PodPolicies = { npIngress: [], npEgress: [], adminIngress: [], adminEgress: [], baselineIngress: [], baselineEgress: [] };

/** Kinds the network layer reads. */
export function isNetworkLayerKind(o: ManifestObject): boolean {
  return isNetworkPolicy(o) || isClusterNetworkPolicyKind(o);
}

/**
 * All Kubernetes network policies of the input, validated and indexed. Cluster policies are ordered by
 * priority (lower first); equal priorities have no defined order upstream, so we warn and order by name.
 */
export class NetworkModel {
  readonly netpols: Netpol[] = [];
  readonly admin: ClusterPolicy[] = [];
  readonly baseline: ClusterPolicy[] = [];
  readonly endpoints: EndpointIndex;
  readonly diagnostics: Diagnostic[] = [];
  private byNamespace = new Map<string, Netpol[]>();
  private podCache = new WeakMap<Pod, PodPolicies>();

  constructor(readonly inventory: Inventory, objects: ManifestObject[]) {
    this.endpoints = new EndpointIndex(inventory);
    for (const o of objects) {
      if (isNetworkPolicy(o)) {
        const r = parseNetworkPolicy(o);
        this.diagnostics.push(...r.diagnostics);
        if (r.value) {
          this.netpols.push(r.value);
          const list = this.byNamespace.get(r.value.namespace) ?? [];
          list.push(r.value);
          this.byNamespace.set(r.value.namespace, list);
        }
      } else if (isClusterNetworkPolicyKind(o)) {
        const r = parseClusterPolicy(o);
        this.diagnostics.push(...r.diagnostics);
        if (r.value) (r.value.tier === 'Admin' ? this.admin : this.baseline).push(r.value);
      }
    }
    for (const tier of [this.admin, this.baseline]) {
      tier.sort((a, b) => a.priority - b.priority || a.ref.kind.localeCompare(b.ref.kind) || a.ref.name.localeCompare(b.ref.name));
      for (let i = 1; i < tier.length; i++) {
        const a = tier[i - 1]!;
        const b = tier[i]!;
        if (a.priority === b.priority && a.ref.kind === b.ref.kind) {
          this.diagnostics.push({
            severity: 'warning',
            code: 'ambiguous-priority',
            message: `${b.ref.kind} ${b.ref.name} has the same priority (${b.priority}) as ${a.ref.kind} ${a.ref.name}: upstream leaves their order undefined; evaluated by name`,
            file: b.source.file,
            line: b.source.line,
          });
        }
      }
    }
  }

  get hasPolicies(): boolean {
    return this.netpols.length + this.admin.length + this.baseline.length > 0;
  }

  clusterSubjectMatches(p: ClusterPolicy, pod: Pod): boolean {
    if (pod.hostNetwork) return false; // "host-networked pods are not included in subject selection"
    if (!matchSelector(p.subject.namespaces, this.endpoints.namespaceLabels(pod.namespace))) return false;
    return !p.subject.pods || matchSelector(p.subject.pods, pod.labels);
  }

  netpolSelects(np: Netpol, pod: Pod): boolean {
    // A NetworkPolicy only selects pods of its own namespace; host-network pods are not selected
    // (https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods).
    return !pod.hostNetwork && np.namespace === pod.namespace && matchSelector(np.podSelector, pod.labels);
  }

  policiesOf(pod: Pod): PodPolicies {
    if (pod.hostNetwork) return NONE;
    let p = this.podCache.get(pod);
    if (!p) {
      const nps = (this.byNamespace.get(pod.namespace) ?? []).filter((np) => this.netpolSelects(np, pod));
      const admin = this.admin.filter((c) => this.clusterSubjectMatches(c, pod));
      const baseline = this.baseline.filter((c) => this.clusterSubjectMatches(c, pod));
      p = {
        npIngress: nps.filter((np) => np.ingress !== null),
        npEgress: nps.filter((np) => np.egress !== null),
        adminIngress: admin.filter((c) => c.ingress.length > 0),
        adminEgress: admin.filter((c) => c.egress.length > 0),
        baselineIngress: baseline.filter((c) => c.ingress.length > 0),
        baselineEgress: baseline.filter((c) => c.egress.length > 0),
      };
      this.podCache.set(pod, p);
    }
    return p;
  }
}
