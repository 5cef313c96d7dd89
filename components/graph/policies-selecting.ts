import type { ClassifiedEdge, GraphNode, WildcardRule } from '@/lib/graph/model';
import { formatRuleRef, type RuleRef } from '@/lib/model/verdict';

/**
 * The policies that select a workload, as far as the graph tells: a rule deciding the ingress direction of an
 * edge belongs to a policy selecting the destination, one deciding egress to a policy selecting the source
 * (NetworkPolicy semantics: ingress rules apply to the selected pods). Policy-level refs (no `#path`), sorted.
 * Policies that select a workload without deciding any of its edges are not listed (the API has no such list).
 */
export function policiesSelecting(nodeId: string, edges: readonly ClassifiedEdge[], wildcards: readonly WildcardRule[]): string[] {
  const out = new Set<string>();
  const add = (r: RuleRef) => out.add(formatRuleRef({ kind: r.kind, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name }));
  for (const e of edges) {
    for (const layer of e.explanation.layers) {
      for (const d of layer.directions) {
        if (!d.isolated) continue;
        if ((d.direction === 'ingress' && e.destination === nodeId) || (d.direction === 'egress' && e.source === nodeId)) d.rules.forEach(add);
      }
    }
  }
  for (const w of wildcards) if (w.workloads.includes(nodeId)) add(w.rule);
  return [...out].sort();
}

export function isolationText(node: GraphNode, direction: 'ingress' | 'egress'): string {
  if (node.kind !== 'workload' && node.kind !== 'pod' && node.kind !== 'infra') return 'not a cluster workload';
  return node.unprotected[direction] ? 'not isolated: allowed by default on every layer (unprotected)' : 'isolated by at least one enforcing layer';
}
