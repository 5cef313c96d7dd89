import { workloadName, type EndpointName } from '../model/identity';
import type { Pod } from '../model/kubernetes';
import { formatRuleRef, type LayerName, type PolicyLayer, type RuleRef } from '../model/verdict';
import { isEmptySelector, matchPeer, matchSelector, type ClusterPolicy, type Netpol, type NetworkModel, type Peer, type PortRules } from '../policy';
import { PodLabelIndex } from './pod-label-index';

/**
 * Every rule of the input, one entry per peer (`NetworkPolicy/ns/name#ingress[0].from[1]`), with the workloads it
 * protects and the workloads its peer matches. This is what lets the graph list rules that match no traffic,
 * rules that match nothing at all (dangling), and the edges a rule grants, without evaluating n² pairs.
 * Refs are formatted exactly as the network layer formats the rules in its verdicts, so usage joins on them.
 */
export interface CatalogRule {
  rule: RuleRef;
  ref: string;
  layer: LayerName;
  direction: 'ingress' | 'egress';
  action: 'allow' | 'deny' | 'pass';
  /** Workloads the policy applies to: destinations of an ingress rule, sources of an egress rule. */
  targets: EndpointName[];
  /** Workloads the peer matches (the other end); empty for wildcard, address and node peers. */
  peers: EndpointName[];
  ports: PortRules;
  /** The peer matches every endpoint (`ingress: [{}]`, ANP `namespaces: {}`): shown once, never expanded. */
  wildcard: boolean;
  /** The peer is a pod/namespace selector that matches no pod, or the policy selects no pod. */
  dangling: boolean;
  /** Why it is dangling, for the report. */
  danglingReason?: string;
  /** The rule the peer belongs to (`NetworkPolicy/ns/name#ingress[0]`): its other peers decide whether a dangling one is only part of it. */
  within: string;
}

interface NetworkLayerLike extends PolicyLayer {
  model?: NetworkModel;
}

/** The network layer's normalised policies, when the evaluator exposes its layers (lib/policy createEvaluator does). */
export function networkModelOf(layers: readonly PolicyLayer[] | undefined): NetworkModel | null {
  const l = layers?.find((x) => x.name === 'network') as NetworkLayerLike | undefined;
  return l?.model && Array.isArray(l.model.netpols) ? l.model : null;
}

const uniq = (pods: Iterable<Pod>): EndpointName[] => [...new Set([...pods].map((p) => workloadName(p.workload)))].sort();

/** A pod/namespace peer that selects every pod of the cluster is a wildcard in all but name. */
const isEverywhere = (p: Peer): boolean =>
  p.kind === 'any' || (p.kind === 'pods' && p.sameNamespace === undefined && !!p.namespaces && isEmptySelector(p.namespaces) && isEmptySelector(p.pods)) || (p.kind === 'ipBlock' && p.cidr.bits === 0 && p.except.length === 0);

export function buildRuleCatalog(model: NetworkModel): CatalogRule[] {
  const index = new PodLabelIndex(model.inventory);
  const endpoints = model.endpoints;
  const allNamespaces = [...index.namespaces()];

  // Thousands of peers repeat a few namespace selectors: match each distinct one against the namespaces once.
  const namespacesBySelector = new Map<string, string[]>();
  const namespacesMatching = (selector: NonNullable<Extract<Peer, { kind: 'pods' }>['namespaces']>): string[] => {
    const key = JSON.stringify(selector);
    let list = namespacesBySelector.get(key);
    if (!list) namespacesBySelector.set(key, (list = allNamespaces.filter((ns) => matchSelector(selector, endpoints.namespaceLabels(ns)))));
    return list;
  };
  const podsMatching = (peer: Peer): Pod[] => {
    if (peer.kind !== 'pods') return [];
    const namespaces = peer.sameNamespace !== undefined ? [peer.sameNamespace] : namespacesMatching(peer.namespaces!);
    const out: Pod[] = [];
    for (const ns of namespaces) for (const pod of index.candidates(ns, peer.pods)) if (matchPeer(peer, endpoints.ofPod(pod))) out.push(pod);
    return out;
  };

  const entry = (
    ref: RuleRef,
    within: string,
    direction: 'ingress' | 'egress',
    action: CatalogRule['action'],
    targets: EndpointName[],
    peer: Peer | null,
    ports: PortRules,
  ): CatalogRule => {
    const wildcard = peer === null || isEverywhere(peer);
    const peers = peer && !wildcard ? uniq(podsMatching(peer)) : [];
    let danglingReason: string | undefined;
    if (targets.length === 0) danglingReason = 'the policy selects no pod';
    else if (!wildcard && peer?.kind === 'pods' && peers.length === 0) danglingReason = `its ${direction === 'ingress' ? 'source' : 'destination'} selector matches no pod`;
    else if (peer?.kind === 'none') danglingReason = 'the peer can never match (unknown or empty peer, fail-closed)';
    const rule = wildcard ? { ...ref, wildcard: true } : ref;
    return { rule, ref: formatRuleRef(rule), layer: 'network', direction, action, targets, peers, ports, wildcard, dangling: danglingReason !== undefined, ...(danglingReason ? { danglingReason } : {}), within };
  };

  const out: CatalogRule[] = [];
  for (const np of model.netpols) out.push(...netpolRules(np, model, index, entry));
  for (const cp of [...model.admin, ...model.baseline]) out.push(...clusterRules(cp, model, entry));
  return out;
}

type EntryFn = (ref: RuleRef, within: string, direction: 'ingress' | 'egress', action: CatalogRule['action'], targets: EndpointName[], peer: Peer | null, ports: PortRules) => CatalogRule;

function netpolRules(np: Netpol, model: NetworkModel, index: PodLabelIndex, entry: EntryFn): CatalogRule[] {
  const targets = uniq(index.candidates(np.namespace, np.podSelector).filter((p) => model.netpolSelects(np, p)));
  const out: CatalogRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of np[direction] ?? []) {
      const within = formatRuleRef({ ...np.ref, path: rule.path });
      // A rule without peers admits everyone: the network layer reports it as `#ingress[0]` with `wildcard`.
      if (rule.peers === null) out.push(entry({ ...np.ref, path: rule.path }, within, direction, 'allow', targets, null, rule.ports));
      else for (const p of rule.peers) out.push(entry({ ...np.ref, path: p.path }, within, direction, 'allow', targets, p.peer, rule.ports));
    }
  }
  return out;
}

function clusterRules(cp: ClusterPolicy, model: NetworkModel, entry: EntryFn): CatalogRule[] {
  const targets = uniq(model.inventory.pods.filter((p) => model.clusterSubjectMatches(cp, p)));
  const out: CatalogRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of cp[direction]) {
      const action = rule.action === 'Allow' ? 'allow' : rule.action === 'Deny' ? 'deny' : 'pass';
      const within = formatRuleRef({ ...cp.ref, path: rule.path });
      for (const p of rule.peers) out.push(entry({ ...cp.ref, path: p.path }, within, direction, action, targets, p.peer, rule.ports));
    }
  }
  return out;
}
