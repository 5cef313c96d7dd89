import type { SummaryEdge, SummaryKind } from '@/lib/graph/model';
import { SUMMARY_KINDS, summaryCount } from '@/lib/graph/summary-edge';

export type KindCounts = Record<SummaryKind, number>;

/**
 * A collapsed namespace's edges in the view, per class: those between its own workloads (its summary edge to
 * itself, drawn as a loop) and those crossing its border, into it and out of it.
 */
export interface CollapsedEdgeCounts {
  internal: KindCounts;
  incoming: KindCounts;
  outgoing: KindCounts;
}

const zero = (): KindCounts => ({ allowed: 0, denied: 0, unprotected: 0, unused: 0 });

/** `id` is the collapsed node's id (`ns:<namespace>`); the view's summary edges are the only input. */
export function collapsedEdgeCounts(id: string, summaryEdges: readonly SummaryEdge[]): CollapsedEdgeCounts {
  const out: CollapsedEdgeCounts = { internal: zero(), incoming: zero(), outgoing: zero() };
  for (const e of summaryEdges) {
    const into = e.source === id && e.destination === id ? out.internal : e.destination === id ? out.incoming : e.source === id ? out.outgoing : null;
    if (into) for (const k of SUMMARY_KINDS) into[k] += summaryCount(e, k);
  }
  return out;
}
