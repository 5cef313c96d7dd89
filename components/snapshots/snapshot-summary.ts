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

export const countLabels: { key: keyof SnapshotCounts; label: string }[] = [
  { key: 'namespaces', label: 'Namespaces' },
  { key: 'workloads', label: 'Workloads' },
  { key: 'policies', label: 'Policies' },
  { key: 'edges', label: 'Edges' },
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
