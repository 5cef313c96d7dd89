'use client';

import Link from 'next/link';
import { useRiskiestQuery } from '@/lib/api/graph-client';

/**
 * "Top 10 riskiest workloads": the largest blast radius in the snapshot (policy-allowed reach), each linking
 * to the graph's blast-radius mode for that workload.
 */
export function RiskiestList({ snapshotId, limit = 10 }: { snapshotId: string; limit?: number }) {
  const query = useRiskiestQuery(snapshotId, limit);
  if (query.isPending) return <p className="px-5 py-4 text-sm text-slate-500" role="status">Computing every workload&apos;s blast radius…</p>;
  if (query.isError)
    return (
      <p role="alert" className="px-5 py-4 text-sm text-rose-800">
        The ranking could not be computed: {query.error.message}{' '}
        <button type="button" className="font-medium underline" onClick={() => void query.refetch()}>
          Try again
        </button>
      </p>
    );
  const { riskiest, workloads } = query.data;
  if (!riskiest.length) return <p className="px-5 py-4 text-sm text-slate-600">This snapshot has no workloads yet: import its inventory to rank them.</p>;
  return (
    <ol className="divide-y divide-slate-100" data-testid="riskiest-list">
      {riskiest.map((r, i) => (
        <li key={r.workload} className="flex items-center gap-4 px-5 py-2.5 text-sm" data-testid="riskiest-row" data-workload={r.workload} data-reachable={r.reachable}>
          <span className="w-5 text-right tabular-nums text-slate-400">{i + 1}</span>
          <Link className="min-w-0 flex-1 truncate font-mono text-slate-900 hover:text-brand-600" href={`/graph?${new URLSearchParams({ snapshot: snapshotId, mode: 'blast', start: r.workload }).toString()}`}>
            {r.workload}
          </Link>
          <span className="w-44 shrink-0">
            <span className="block h-1.5 overflow-hidden rounded-full bg-slate-100">
              <span className="block h-full rounded-full bg-[#D55E00]" style={{ width: `${Math.round(r.share * 100)}%` }} />
            </span>
          </span>
          <span className="w-40 shrink-0 text-right tabular-nums text-slate-700">
            reaches {r.reachable} of {workloads - 1} ({Math.round(r.share * 100)}%)
          </span>
          <span className="w-36 shrink-0 text-right text-xs text-violet-800">{r.crownJewelsReached.length ? `★ ${r.crownJewelsReached.length} crown jewel${r.crownJewelsReached.length === 1 ? '' : 's'}` : ''}</span>
        </li>
      ))}
    </ol>
  );
}
