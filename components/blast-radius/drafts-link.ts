import type { ReachEdge } from '@/lib/graph/blast-radius';

/**
 * Links into the drafting workflow (issue 9). The Drafts page deep link is
 * `/drafts?snapshot=<id>&drop=<edgeId>` or `&grant=<edgeId>`, where an edge id is the graph's
 * `source|destination|port|protocol` (app/drafts/page.tsx).
 */
export const edgeIdOf = (e: Pick<ReachEdge, 'source' | 'destination' | 'port' | 'protocol'>): string => `${e.source}|${e.destination}|${e.port}|${e.protocol}`;

export function draftDecisionHref(snapshotId: string, decision: 'drop' | 'grant', edgeId: string): string {
  return `/drafts?${new URLSearchParams({ snapshot: snapshotId, [decision]: edgeId }).toString()}`;
}

/** A grant nobody uses: open a draft that leaves it out. */
export function removeGrantHref(snapshotId: string, edge: ReachEdge): string {
  return draftDecisionHref(snapshotId, 'drop', edgeIdOf(edge));
}

/** The drafting page of the snapshot: a least-privilege draft from observed traffic drops every unused grant. */
export function draftsHref(snapshotId: string): string {
  return `/drafts?${new URLSearchParams({ snapshot: snapshotId }).toString()}`;
}
