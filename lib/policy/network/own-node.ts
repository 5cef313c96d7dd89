import type { Pod } from '../../model/kubernetes';
import type { DirectionDecision, RuleRef } from '../../model/verdict';
import type { EndpointFacts } from '../model/endpoint';
import { describeNodePeer } from '../model/own-node';

/**
 * NetworkPolicy's built-in rule for the pod's own node. https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * lists among what a pod may talk to "IP blocks (exception: traffic to and from the node where a Pod is running is
 * always allowed, regardless of the IP address of the Pod or the node)", and "when a pod is isolated for ingress, the
 * only allowed connections into the pod are those from the pod's node and those allowed by the ingress list" (the
 * kubelet's probes come from there). Both directions, only the pod's own node (another node's traffic meets the
 * policies like any address), and whatever the NetworkPolicies and the baseline tier say: it is the rule that
 * decides, explicitly, so an edge it carries counts as allowed.
 *
 * The admin tier still comes first: AdminNetworkPolicy/ClusterNetworkPolicy egress `nodes` and `networks` peers
 * exist so that administrators can control pod -> node traffic (network-policy-api NPEP-126, "block access from
 * cluster workloads to specific ports on cluster nodes"); their ingress peers cannot name a node, so the kubelet's
 * probes are never theirs to refuse (network-policy-api issue 314). Not every implementation exempts the egress
 * direction (kube-network-policies evaluates pod -> node egress since b3e8382, 2026-04); the documented rule is
 * modelled here.
 */
export const OWN_NODE_RULE: RuleRef = { kind: 'Kubernetes', name: 'own-node', builtin: true };

export function ownNodeDecision(dir: 'ingress' | 'egress', subject: Pod, peer: EndpointFacts, isolated: boolean, prefix: string, what: string): DirectionDecision {
  const towards = dir === 'ingress' ? 'from' : 'to';
  const who = describeNodePeer(peer);
  return {
    direction: dir,
    isolated,
    outcome: 'allowed',
    basis: 'explicit',
    rules: [OWN_NODE_RULE],
    reason: `${prefix}${what} ${towards} ${who}, the node ${subject.namespace}/${subject.name} runs on: allowed by Kubernetes/own-node, NetworkPolicy's node exemption (traffic to and from a pod's own node is always allowed${isolated ? ', whatever isolates the pod' : ''})`,
  };
}
