/**
 * What the UI shows about one snapshot. Kept separate from the database row type so the
 * pages do not change when lib/db reshapes its rows; `toSnapshotSummary` is the one adapter.
 */
export type SnapshotCounts = { namespaces: number; workloads: number; policies: number; edges: number };

export type SnapshotSummary = {
  id: string;
  name: string;
  cluster: string;
  environment: string;
  createdAt: Date;
  isDemo: boolean;
  counts: SnapshotCounts;
};

/**
 * `edges` counts observed edges in the graph's unit, one per (source, destination, port, protocol) however many HTTP
 * routes the logs named (lib/db/snapshots.ts), so the card matches the graph's allowed + unauthorized edges. The
 * graph also draws the edges a rule grants that nobody used, and its count line says which is which
 * (app/graph/explorer-client.tsx).
 */
export const countLabels: { key: keyof SnapshotCounts; label: string; title?: string }[] = [
  { key: 'namespaces', label: 'Namespaces' },
  { key: 'workloads', label: 'Workloads' },
  { key: 'policies', label: 'Policies' },
  { key: 'edges', label: 'Observed edges', title: 'Edges seen in the imported traffic: one per source, destination, port and protocol, however many HTTP routes the logs name (as in the graph). Allowed but unused edges are not counted.' },
];

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** Server and client must print the same text (hydration), so dates are always shown in UTC. */
export function formatDate(date: Date): string {
  return `${dateFormat.format(date)} UTC`;
}
