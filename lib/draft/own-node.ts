import type { EndpointName } from '../model/identity';
import type { Inventory } from '../model/kubernetes';
import type { Peer } from './context';

/** The nodes the listed pods of a workload run on; `unplaced` when some pod has no `spec.nodeName` (a stand-in, a pending pod). */
export function workloadNodes(inventory: Inventory, workload: EndpointName): { nodes: Set<string>; unplaced: boolean } {
  const nodes = new Set<string>();
  let unplaced = false;
  for (const p of inventory.pods) {
    if (`${p.workload.namespace}/${p.workload.name}` !== workload) continue;
    if (p.nodeName) nodes.add(p.nodeName);
    else unplaced = true;
  }
  return { nodes, unplaced: unplaced || nodes.size === 0 };
}

/**
 * Whether `peer` is the node every pod of `workload` runs on. NetworkPolicy always allows traffic to and from a pod's
 * own node (lib/policy/network/own-node.ts), so such a grant needs no NetworkPolicy rule; when some pod runs elsewhere
 * the node is another node's address for that pod, and the rule stays.
 */
export function isEveryPodsNode(inventory: Inventory, workload: EndpointName, peer: Peer): boolean {
  if (peer.kind !== 'addresses' || peer.entity !== 'node') return false;
  const { nodes, unplaced } = workloadNodes(inventory, workload);
  return !unplaced && nodes.size === 1 && nodes.has(peer.name.slice('node:'.length));
}
