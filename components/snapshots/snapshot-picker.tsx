import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EnvironmentBadge } from './environment-badge';
import { countLabels, formatDate, type SnapshotSummary } from './snapshot-summary';

const numberFormat = new Intl.NumberFormat('en-US');

/** Cards that open `basePath?snapshot=<id>`: the "select a snapshot" state of snapshot-scoped pages. */
export function SnapshotPicker({ snapshots, basePath }: { snapshots: SnapshotSummary[]; basePath: string }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="snapshot-picker">
      {snapshots.map((snapshot) => (
        <li key={snapshot.id}>
          <Link
            href={`${basePath}?snapshot=${snapshot.id}`}
            className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-500 hover:shadow-md"
          >
            <div className="flex items-center gap-2">
              <span className="truncate font-medium text-slate-900">{snapshot.name}</span>
              <EnvironmentBadge environment={snapshot.environment} />
              {snapshot.isDemo ? <Badge tone="brand">demo</Badge> : null}
            </div>
            <p className="mt-1 truncate font-mono text-xs text-slate-500">{snapshot.cluster} · {formatDate(snapshot.createdAt)}</p>
            <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2">
              {countLabels.map(({ key, label, title }) => (
                <div key={key} className="flex items-baseline justify-between gap-2 border-t border-slate-100 pt-2">
                  <dt className="text-xs text-slate-500" title={title}>{label}</dt>
                  <dd className="text-sm font-semibold tabular-nums text-slate-900">{numberFormat.format(snapshot.counts[key])}</dd>
                </div>
              ))}
            </dl>
          </Link>
        </li>
      ))}
    </ul>
  );
}
