import { isWorkloadName, workloadName, type EndpointName } from '../model/identity';
import type { Pod, Workload } from '../model/kubernetes';
import type { Evaluator, LayerDecision, Verdict } from '../model/verdict';
import { WORLD_REPRESENTATIVE_IP, type EndpointIndex } from './endpoint-index';
import { toConnection } from './evaluate-edge';
import { isInfraWorkload, nodeBadgesFor } from './infra';
import type { EdgeOperation, GraphNode, NodeBadge, NodeKind } from './model';
import { classifyPathSensitivity, pathCategoriesOf } from './path-sensitivity';

/**
 * How one layer treated one direction of a connection: `default` = allowed only because nothing protects the
 * workload in that direction; `denies-unmatched` = the workload is isolated and peers no rule names are denied
 * (NetworkPolicy's implicit deny, a mesh ALLOW policy with no match); `other` = a rule decided (allow or deny).
 * A layer without a per-direction answer (service meshes decide at the destination) leaves egress to the others.
 * Why not the `isolated` flag alone: a pod selected only by an AdminNetworkPolicy with Allow rules is "selected",
 * yet unmatched traffic still passes by default (https://network-policy-api.sigs.k8s.io/api-overview/).
 */
export type DirectionTreatment = 'default' | 'denies-unmatched' | 'other';

export function treatmentOn(decision: LayerDecision, direction: 'ingress' | 'egress'): DirectionTreatment {
  const d = decision.directions.find((x) => x.direction === direction);
  const basis = d ? d.basis : direction === 'ingress' ? decision.basis : 'default';
  const outcome = d ? d.outcome : direction === 'ingress' ? decision.outcome : 'allowed';
  if (basis === 'default' && outcome !== 'denied') return 'default';
  if (basis === 'no-match') return 'denies-unmatched';
  return 'other';
}

/** Unprotected in a direction = allowed by default on every enforcing layer (or no layer enforces). */
const allDefault = (v: Verdict, direction: 'ingress' | 'egress') => v.layers.every((l) => treatmentOn(l, direction) === 'default');

/**
 * Pass: "unprotected" per direction of one workload, probed with a connection from/to an address outside the
 * cluster on the workload's first container port: if that stranger gets through by default, so does anyone.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
 */
export function computeUnprotected(evaluator: Evaluator, pod: Pod): { ingress: boolean; egress: boolean } {
  const world = { kind: 'ip' as const, ip: WORLD_REPRESENTATIVE_IP };
  const self = { kind: 'pod' as const, pod };
  const first = pod.ports[0];
  const inbound = evaluator.evaluate(toConnection(world, self, first?.port ?? 80, first?.protocol ?? 'TCP'));
  const outbound = evaluator.evaluate(toConnection(self, world, 443, 'TCP'));
  return { ingress: allDefault(inbound, 'ingress'), egress: allDefault(outbound, 'egress') };
}

/**
 * What evaluated edges already prove about a workload, per direction: `true` = some peer got through by default
 * on every layer (unprotected), `false` = a layer denied an unmatched peer (protected). Unknown directions are
 * probed. Saves two evaluations per workload on big graphs.
 */
export type IsolationEvidence = Map<EndpointName, { ingress?: boolean; egress?: boolean }>;

function record(evidence: IsolationEvidence, id: EndpointName, direction: 'ingress' | 'egress', v: Verdict) {
  let e = evidence.get(id);
  if (!e) evidence.set(id, (e = {}));
  if (e[direction] === true) return; // a proven default path wins
  if (allDefault(v, direction)) e[direction] = true;
  else if (v.layers.some((l) => treatmentOn(l, direction) === 'denies-unmatched')) e[direction] = false;
}

export function recordIsolation(evidence: IsolationEvidence, source: EndpointName, destination: EndpointName, verdict: Verdict): void {
  record(evidence, source, 'egress', verdict);
  record(evidence, destination, 'ingress', verdict);
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
 * edges) plus every other endpoint some edge names; `observed` edges mark the services answering sensitive paths.
 */
export function buildNodes(
  evaluator: Evaluator,
  index: EndpointIndex,
  edgeEndpoints: Iterable<EndpointName>,
  evidence: IsolationEvidence = new Map(),
  observed: readonly { destination: EndpointName; operations: readonly EdgeOperation[] }[] = [],
): GraphNode[] {
  const nodes = new Map<EndpointName, GraphNode>();
  for (const [id, w] of index.workloads) {
    const pods = index.podsByWorkload.get(id) ?? [];
    const probe = pods[0];
    const known = evidence.get(id);
    let unprotected = { ingress: false, egress: false };
    if (known?.ingress !== undefined && known.egress !== undefined) unprotected = { ingress: known.ingress, egress: known.egress };
    else if (probe) {
      const probed = computeUnprotected(evaluator, probe);
      unprotected = { ingress: known?.ingress ?? probed.ingress, egress: known?.egress ?? probed.egress };
    }
    nodes.set(id, workloadNode(w, pods, unprotected));
  }
  for (const id of edgeEndpoints) if (!nodes.has(id)) nodes.set(id, peerNode(id));
  markSensitiveNodes(nodes, observed);
  return [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Sets `sensitivity` on the nodes whose observed operations hit a sensitive path (admin, internal, payment, user data). */
function markSensitiveNodes(nodes: Map<EndpointName, GraphNode>, observed: readonly { destination: EndpointName; operations: readonly EdgeOperation[] }[]): void {
  const paths = observed.flatMap((e) => e.operations.flatMap((op) => (op.path ? [{ destination: e.destination, path: op.path }] : [])));
  for (const [id, reasons] of classifyPathSensitivity(paths)) {
    const node = nodes.get(id);
    if (node) node.sensitivity = pathCategoriesOf(reasons);
  }
}
