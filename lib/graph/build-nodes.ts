import { isWorkloadName, workloadName, type EndpointName } from '../model/identity';
import type { Pod, Workload } from '../model/kubernetes';
import type { Evaluator, LayerDecision, Verdict } from '../model/verdict';
import { WORLD_REPRESENTATIVE_IP, type EndpointIndex } from './endpoint-index';
import { toConnection } from './evaluate-edge';
import { isInfraWorkload, nodeBadgesFor } from './infra';
import type { GraphNode, NodeBadge, NodeKind } from './model';

/**
 * Whether a layer isolates the workload in a direction. NetworkPolicy-like layers report per direction; a mesh
 * layer decides at the destination only, so its ingress isolation is "not allowed by default".
 */
export function isolatesOn(decision: LayerDecision, direction: 'ingress' | 'egress'): boolean {
  const d = decision.directions.find((x) => x.direction === direction);
  if (d) return d.isolated;
  return direction === 'ingress' && decision.basis !== 'default';
}

/**
 * Pass: isolation per direction of one workload, probed with a connection from/to an address outside the cluster
 * on the workload's first container port. Isolation does not depend on the peer or the port (a policy selects the
 * pod, and then the pod is isolated for every peer and port), so one probe per direction suffices.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
 */
export function computeUnprotected(evaluator: Evaluator, pod: Pod): { ingress: boolean; egress: boolean } {
  const world = { kind: 'ip' as const, ip: WORLD_REPRESENTATIVE_IP };
  const self = { kind: 'pod' as const, pod };
  const first = pod.ports[0];
  const inbound = evaluator.evaluate(toConnection(world, self, first?.port ?? 80, first?.protocol ?? 'TCP'));
  const outbound = evaluator.evaluate(toConnection(self, world, 443, 'TCP'));
  return {
    ingress: !inbound.layers.some((l) => isolatesOn(l, 'ingress')),
    egress: !outbound.layers.some((l) => isolatesOn(l, 'egress')),
  };
}

/**
 * Isolation already learned from evaluated edges: an edge's verdict says, per layer, whether its destination is
 * isolated for ingress and its source for egress. Saves one probe per workload and direction on big graphs.
 */
export type IsolationEvidence = Map<EndpointName, { ingress?: boolean; egress?: boolean }>;

export function recordIsolation(evidence: IsolationEvidence, source: EndpointName, destination: EndpointName, verdict: Verdict): void {
  const src = evidence.get(source) ?? {};
  const dst = evidence.get(destination) ?? {};
  src.egress = (src.egress ?? false) || verdict.layers.some((l) => isolatesOn(l, 'egress'));
  dst.ingress = (dst.ingress ?? false) || verdict.layers.some((l) => isolatesOn(l, 'ingress'));
  evidence.set(source, src);
  evidence.set(destination, dst);
}

function workloadNode(w: Workload, pods: Pod[], unprotected: { ingress: boolean; egress: boolean }): GraphNode {
  const id = workloadName(w);
  const kind: NodeKind = isInfraWorkload(id) ? 'infra' : w.kind === 'Pod' ? 'pod' : 'workload';
  const badges: NodeBadge[] = [...nodeBadgesFor(id)];
  if (unprotected.ingress) badges.push('unprotected-ingress');
  if (unprotected.egress) badges.push('unprotected-egress');
  if (w.hostNetwork) badges.push('host-network');
  return { id, kind, name: w.name, namespace: w.namespace, workloadKind: w.kind, labels: w.podLabels, serviceAccount: w.serviceAccount, pods: pods.filter((p) => !p.synthetic).length, unprotected, badges };
}

/** A peer that is not a workload of the inventory: world, an address, a node, DNS name, or a name the inventory lacks. */
export function peerNode(id: EndpointName): GraphNode {
  const base = { id, labels: {}, pods: 0, unprotected: { ingress: false, egress: false } };
  if (id.startsWith('node:')) return { ...base, kind: 'node', name: id.slice(5), badges: [] };
  if (id === 'kube-apiserver') return { ...base, kind: 'infra', name: id, badges: ['apiserver'] };
  if (id === 'world' || id.startsWith('ip:') || id.startsWith('cidr:') || id.startsWith('dns:')) return { ...base, kind: 'external', name: id === 'world' ? 'world' : id.slice(id.indexOf(':') + 1), badges: [] };
  // `ns/name` absent from the inventory, or `unresolved:<why>`: traffic names an endpoint nothing else knows.
  if (isWorkloadName(id)) {
    const [namespace, name] = id.split('/') as [string, string];
    return { ...base, kind: 'dangling', name, namespace, badges: nodeBadgesFor(id) };
  }
  return { ...base, kind: 'dangling', name: id, badges: [] };
}

/**
 * Pass: the nodes: every workload of the inventory (with its unprotected badges instead of n² default-allow
 * edges) plus every other endpoint some edge names.
 */
export function buildNodes(evaluator: Evaluator, index: EndpointIndex, edgeEndpoints: Iterable<EndpointName>, evidence: IsolationEvidence = new Map()): GraphNode[] {
  const nodes = new Map<EndpointName, GraphNode>();
  for (const [id, w] of index.workloads) {
    const pods = index.podsByWorkload.get(id) ?? [];
    const probe = pods[0];
    const known = evidence.get(id);
    let unprotected = { ingress: false, egress: false };
    if (known?.ingress !== undefined && known.egress !== undefined) unprotected = { ingress: !known.ingress, egress: !known.egress };
    else if (probe) {
      const probed = computeUnprotected(evaluator, probe);
      unprotected = { ingress: known?.ingress !== undefined ? !known.ingress : probed.ingress, egress: known?.egress !== undefined ? !known.egress : probed.egress };
    }
    nodes.set(id, workloadNode(w, pods, unprotected));
  }
  for (const id of edgeEndpoints) if (!nodes.has(id)) nodes.set(id, peerNode(id));
  return [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
