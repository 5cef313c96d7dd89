import type { GraphNode } from '@/lib/graph/model';

export function isolationText(node: GraphNode, direction: 'ingress' | 'egress'): string {
  if (node.kind !== 'workload' && node.kind !== 'pod' && node.kind !== 'infra') return 'not a cluster workload';
  return node.unprotected[direction] ? 'not isolated: allowed by default on every layer (unprotected)' : 'isolated by at least one enforcing layer';
}
