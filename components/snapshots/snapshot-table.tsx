import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EnvironmentBadge } from './environment-badge';
import { countLabels, formatDate, type SnapshotSummary } from './snapshot-summary';

const numberFormat = new Intl.NumberFormat('en-US');

export function SnapshotTable({ snapshots }: { snapshots: SnapshotSummary[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="snapshot-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-3">Snapshot</th>
            {countLabels.map(({ key, label, title }) => (
              <th key={key} scope="col" className="px-3 py-3 text-right" title={title}>{label}</th>
            ))}
            <th scope="col" className="px-5 py-3 text-right"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {snapshots.map((snapshot) => (
            <tr key={snapshot.id} data-testid="snapshot-row" data-snapshot-id={snapshot.id} className="hover:bg-slate-50/70">
              <td className="px-5 py-3.5">
                <div className="flex items-center gap-2">
                  <Link href={`/graph?snapshot=${snapshot.id}`} className="whitespace-nowrap font-medium text-slate-900 hover:text-brand-600">
                    {snapshot.name}
                  </Link>
                  <EnvironmentBadge environment={snapshot.environment} />
                  {snapshot.isDemo ? <Badge tone="brand">demo</Badge> : null}
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  <span className="font-mono">{snapshot.cluster}</span>
                  <span className="mx-1.5 text-slate-300">·</span>
                  created <time dateTime={snapshot.createdAt.toISOString()}>{formatDate(snapshot.createdAt)}</time>
                </p>
              </td>
              {countLabels.map(({ key, label }) => (
                <td key={key} data-count={key} aria-label={`${label}: ${snapshot.counts[key]}`} className="px-3 py-3.5 text-right tabular-nums text-slate-800">
                  {numberFormat.format(snapshot.counts[key])}
                </td>
              ))}
              <td className="whitespace-nowrap px-5 py-3.5 text-right">
                <Link href={`/graph?snapshot=${snapshot.id}`} className="font-medium text-brand-600 hover:text-brand-700">Graph</Link>
                <span className="mx-2 text-slate-300">·</span>
                <Link href={`/import?snapshot=${snapshot.id}`} className="font-medium text-slate-600 hover:text-slate-900">Import</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
