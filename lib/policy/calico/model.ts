import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory, Labels, Pod } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import { isClusterNetworkPolicyKind, parseClusterPolicy } from '../anp/parse';
import { EndpointIndex } from '../model/endpoint';
import { isNetworkPolicy, parseNetworkPolicy } from '../netpol/parse';
import { endpointOf, policySelects, type CalicoEndpoint, type MatchContext } from './match';
import { DEFAULT_TIER_ORDER, fromClusterPolicy, fromKubernetesPolicy, KUBE_ADMIN_TIER, KUBE_BASELINE_TIER, isCalicoObject, isCalicoPolicy, parseCalicoPolicy, parseNetworkSet, parseTier } from './parse';
import type { CalicoPolicy, CalicoTier, Direction, NetworkSet } from './types';
import type { Endpoint } from '../../model/verdict';

const byOrderThenName = (a: { order: number; name: string }, b: { order: number; name: string }) =>
  a.order === b.order ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.order < b.order ? -1 : 1;

export interface TierPolicies {
  tier: CalicoTier;
  policies: CalicoPolicy[];
}

/** All Calico policies, tiers and network sets of the input, plus the Kubernetes NetworkPolicies as Calico runs them. */
export class CalicoModel {
  readonly policies: CalicoPolicy[] = [];
  readonly staged: CalicoPolicy[] = [];
  readonly tiers = new Map<string, CalicoTier>();
  readonly networkSets: NetworkSet[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly endpoints: EndpointIndex;
  readonly ctx: MatchContext;
  /** Number of projectcalico.org policy objects (Kubernetes NetworkPolicies excluded). */
  readonly calicoPolicyCount: number;
  private cache = new Map<Direction, WeakMap<Pod, TierPolicies[]>>([
    ['ingress', new WeakMap()],
    ['egress', new WeakMap()],
  ]);
  private nsLabels = new Map<string, Labels>();

  constructor(inventory: Inventory, objects: ManifestObject[]) {
    this.endpoints = new EndpointIndex(inventory);
    for (const ns of inventory.namespaces) this.nsLabels.set(ns.name, ns.labels);
    this.ctx = {
      networkSets: this.networkSets,
      namespaceLabels: (ns) => this.nsLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns },
      services: inventory.services.map((s) => ({ namespace: s.namespace, name: s.name, selector: s.selector })),
    };
    this.tiers.set('default', { name: 'default', order: DEFAULT_TIER_ORDER, defaultAction: 'Deny' });
    this.tiers.set(KUBE_ADMIN_TIER.name, KUBE_ADMIN_TIER);
    this.tiers.set(KUBE_BASELINE_TIER.name, KUBE_BASELINE_TIER);
    const k8sNames = new Set<string>();
    for (const o of objects) {
      if (!isNetworkPolicy(o)) continue;
      // Parse diagnostics of NetworkPolicies are reported by the network layer, which reads the same objects.
      const np = parseNetworkPolicy(o).value;
      if (!np) continue;
      k8sNames.add(`${np.namespace}/${np.ref.name}`);
      this.policies.push(fromKubernetesPolicy(np));
    }
    for (const o of objects) {
      if (!isClusterNetworkPolicyKind(o)) continue;
      // Diagnostics are reported by the network layer, which reads the same objects.
      const cp = parseClusterPolicy(o).value;
      if (cp) this.policies.push(fromClusterPolicy(cp));
    }
    let count = 0;
    for (const o of objects) {
      if (!isCalicoObject(o)) continue;
      if (o.kind === 'Tier') {
        const t = parseTier(o);
        this.diagnostics.push(...t.diagnostics);
        if (t.value) this.tiers.set(t.value.name, t.value);
      } else if (o.kind === 'NetworkSet' || o.kind === 'GlobalNetworkSet') {
        const s = parseNetworkSet(o);
        if (s) this.networkSets.push(s);
      } else if (isCalicoPolicy(o)) {
        // `calicoctl get networkpolicy` also lists Kubernetes NetworkPolicies as `knp.default.<name>`: count them once.
        const knp = /^knp\.default\.(.+)$/.exec(o.metadata.name);
        if (knp && k8sNames.has(`${o.metadata.namespace ?? 'default'}/${knp[1]}`)) continue;
        count++;
        const r = parseCalicoPolicy(o);
        this.diagnostics.push(...r.diagnostics);
        if (r.value) (r.value.staged ? this.staged : this.policies).push(r.value);
      }
    }
    this.calicoPolicyCount = count;
    for (const p of [...this.policies, ...this.staged]) {
      if (!this.tiers.has(p.tier)) {
        this.diagnostics.push({
          severity: 'warning',
          code: 'unknown-tier',
          message: `${p.ref.kind} ${p.ref.namespace ? `${p.ref.namespace}/` : ''}${p.ref.name}: tier ${p.tier} is not in the input; evaluated after every known tier`,
          file: p.source.file,
          line: p.source.line,
        });
        this.tiers.set(p.tier, { name: p.tier, order: Infinity, defaultAction: 'Deny' });
      }
    }
  }

  endpoint(e: Endpoint): CalicoEndpoint {
    const facts = this.endpoints.of(e);
    return endpointOf(e.kind === 'pod' ? e.pod : null, facts.ips, facts, this.ctx);
  }

  /** The tiers (in order) with the policies (in order) that apply to the endpoint for `dir`; tiers without any are left out. */
  tiersFor(ep: CalicoEndpoint, dir: Direction, staged = false): TierPolicies[] {
    const pod = ep.pod;
    if (!pod) return [];
    const cache = this.cache.get(dir)!;
    if (!staged && cache.has(pod)) return cache.get(pod)!;
    const applying = (staged ? this.staged : this.policies).filter((p) => p.types[dir] && policySelects(p, ep, this.ctx));
    const out: TierPolicies[] = [...this.tiers.values()]
      .sort((a, b) => byOrderThenName({ order: a.order, name: a.name }, { order: b.order, name: b.name }))
      .map((tier) => ({
        tier,
        policies: applying.filter((p) => p.tier === tier.name).sort((a, b) => byOrderThenName({ order: a.order, name: a.sortName }, { order: b.order, name: b.sortName })),
      }))
      .filter((t) => t.policies.length > 0);
    if (!staged) cache.set(pod, out);
    return out;
  }
}
