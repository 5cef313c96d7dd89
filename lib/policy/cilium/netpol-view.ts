import type { ContainerPort, Inventory, Pod, Protocol } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { Endpoint, RuleRef } from '../../model/verdict';
import { EndpointIndex, type EndpointFacts } from '../model/endpoint';
import { matchPeer, type Peer } from '../model/peer';
import { matchPortRules } from '../model/ports';
import { matchSelector } from '../model/selector';
import { isNetworkPolicy, parseNetworkPolicy } from '../netpol/parse';
import type { Netpol } from '../netpol/types';
import type { Direction } from './types';

/**
 * Kubernetes NetworkPolicies as the Cilium agent enforces them: translated into rules of the SAME policy repository
 * as CiliumNetworkPolicies (pkg/k8s/network_policy.go), so for each endpoint and direction the union of all of them
 * decides, and CNP/CCNP deny rules override their allows ("Deny policies take precedence over allow policies,
 * regardless of whether they are a Cilium Network Policy, a Clusterwide Cilium Network Policy or even a Kubernetes
 * Network Policy", https://docs.cilium.io/en/stable/security/policy/deny/).
 *
 * One Cilium difference from the upstream reading: an `ipBlock` becomes a CIDR selector, and Cilium's CIDR selectors
 * never match endpoints it manages or node addresses ("CIDR rules do not apply to traffic where both sides of the
 * connection are either managed by Cilium or use an IP belonging to a node in the cluster",
 * https://docs.cilium.io/en/stable/security/policy/language/#ip-cidr-based; "Cilium doesn't support using ipBlock
 * statements to match on pod IPs", https://github.com/cilium/cilium/issues/9209 and #35212), so an ipBlock here only
 * matches addresses outside the cluster, and not the API server's (#33525: use the kube-apiserver entity).
 */
export class CiliumNetpolView {
  private readonly byNamespace = new Map<string, Netpol[]>();
  readonly endpoints: EndpointIndex;
  readonly count: number;

  constructor(inventory: Inventory, objects: ManifestObject[]) {
    this.endpoints = new EndpointIndex(inventory);
    let n = 0;
    for (const o of objects) {
      if (!isNetworkPolicy(o)) continue;
      // Parse diagnostics are reported once, by the network layer, which reads the same objects.
      const np = parseNetworkPolicy(o).value;
      if (!np) continue;
      n++;
      const list = this.byNamespace.get(np.namespace) ?? [];
      list.push(np);
      this.byNamespace.set(np.namespace, list);
    }
    this.count = n;
  }

  private selecting(pod: Pod, dir: Direction): Netpol[] {
    if (pod.hostNetwork) return [];
    return (this.byNamespace.get(pod.namespace) ?? []).filter((np) => np[dir] !== null && matchSelector(np.podSelector, pod.labels));
  }

  /** The NetworkPolicies that isolate `pod` for `dir`. */
  isolating(pod: Pod, dir: Direction): RuleRef[] {
    return this.selecting(pod, dir).map((np) => np.ref);
  }

  /** Every NetworkPolicy rule that admits `peer` on port/protocol for `dir` at `pod`. */
  allowing(pod: Pod, dir: Direction, peer: Endpoint, peerIsExternal: boolean, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null): RuleRef[] {
    const facts: EndpointFacts = this.endpoints.of(peer);
    const out: RuleRef[] = [];
    for (const np of this.selecting(pod, dir)) {
      for (const rule of np[dir] ?? []) {
        if (!matchPortRules(rule.ports, port, protocol, dstPorts)) continue;
        if (rule.peers === null) {
          out.push({ ...np.ref, path: rule.path, wildcard: true });
          continue;
        }
        const hit = rule.peers.find((p) => matchCiliumPeer(p.peer, facts, peerIsExternal));
        if (hit) out.push({ ...np.ref, path: hit.path });
      }
    }
    return out;
  }
}

function matchCiliumPeer(p: Peer, facts: EndpointFacts, peerIsExternal: boolean): boolean {
  if (p.kind === 'ipBlock' && !peerIsExternal) return false;
  return matchPeer(p, facts);
}
