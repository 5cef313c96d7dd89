import type { ReachEdge } from '@/lib/graph/blast-radius';

/**
 * Links into the drafting workflow (issue 9): the Drafts page takes the snapshot and the grant to remove.
 * Parameter names mirror the blast-radius hop fields so the Drafts page can read them without a mapping.
 */
export function removeGrantHref(snapshotId: string, edge: ReachEdge): string {
  const p = new URLSearchParams({ snapshot: snapshotId, intent: 'remove-grant', source: edge.source, destination: edge.destination, port: String(edge.port), protocol: edge.protocol });
  return `/drafts?${p.toString()}`;
}

export function removeUnusedReachHref(snapshotId: string, start: readonly string[]): string {
  const p = new URLSearchParams({ snapshot: snapshotId, intent: 'remove-unused-reach', start: start.join(',') });
  return `/drafts?${p.toString()}`;
}
