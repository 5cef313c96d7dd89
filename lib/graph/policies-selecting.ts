import { formatRuleRef, type RuleRef } from '../model/verdict';
import type { ClassifiedEdge, WildcardRule } from './model';

/**
 * The policies that select a workload, as far as the graph tells: a rule deciding the ingress direction of an
 * edge belongs to a policy selecting the destination, one deciding egress to a policy selecting the source
 * (NetworkPolicy semantics: ingress rules apply to the selected pods). Policy-level refs (no `#path`), sorted.
 * Policies that select a workload without deciding any of its edges are not listed.
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
