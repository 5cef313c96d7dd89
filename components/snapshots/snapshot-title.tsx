import { Badge } from '@/components/ui/badge';
import { EnvironmentBadge } from './environment-badge';
import { formatDate, type SnapshotSummary } from './snapshot-summary';

/** The description line of a page header scoped to one snapshot. */
export function SnapshotTitle({ snapshot }: { snapshot: SnapshotSummary }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-medium text-slate-800">{snapshot.name}</span>
      <EnvironmentBadge environment={snapshot.environment} />
      {snapshot.isDemo ? <Badge tone="brand">demo</Badge> : null}
      <span className="font-mono text-xs text-slate-500">{snapshot.cluster}</span>
      <span className="text-slate-400">·</span>
      <span>{formatDate(snapshot.createdAt)}</span>
    </span>
  );
}
