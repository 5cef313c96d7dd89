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
 * `edges` counts the traffic edges imported (one per source, destination, port, protocol and L7 route): observed
 * ones only, so the label says so. The graph also draws the edges a rule grants that nobody used, and its count
 * line says which is which (app/graph/explorer-client.tsx).
 */
export const countLabels: { key: keyof SnapshotCounts; label: string; title?: string }[] = [
  { key: 'namespaces', label: 'Namespaces' },
  { key: 'workloads', label: 'Workloads' },
  { key: 'policies', label: 'Policies' },
  { key: 'edges', label: 'Observed edges', title: 'Traffic edges imported: one per source, destination, port and protocol (and HTTP route, when the logs name one). Allowed but unused edges are not counted.' },
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
