import { countLabels, type SnapshotSummary } from './snapshot-summary';

const numberFormat = new Intl.NumberFormat('en-US');

export function SnapshotStats({ snapshot }: { snapshot: SnapshotSummary }) {
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      {countLabels.map(({ key, label, title }) => (
        <div key={key} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500" title={title}>{label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{numberFormat.format(snapshot.counts[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
