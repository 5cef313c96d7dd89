'use client';

import Link from 'next/link';
import type { BlastRadiusReport, ReportedWorkload } from '@/lib/graph/blast-radius-report';
import { WORKLOAD_INFRA_LABEL } from '@/lib/graph/infra';
import type { ViewState } from '@/components/graph/view-state';
import { draftsHref, removeGrantHref } from './drafts-link';
import { ReachedRow } from './reached-row';

const input = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm';
const UNUSED_SHOWN = 12;

export interface BlastPanelProps {
  snapshotId: string;
  view: ViewState;
  workloads: string[];
  report?: BlastRadiusReport;
  loading: boolean;
  error?: string;
  update(patch: Partial<ViewState>): void;
}

function byHop(reached: readonly ReportedWorkload[]): [number, ReportedWorkload[]][] {
  const groups = new Map<number, ReportedWorkload[]>();
  for (const r of reached) groups.set(r.hops, [...(groups.get(r.hops) ?? []), r]);
  return [...groups.entries()].sort(([a], [b]) => a - b);
}

const atHop = (r: ReportedWorkload) => `${r.workload} (hop ${r.hops})`;

/** The blast-radius side panel: who is compromised, what they reach hop by hop, and what policy grants nobody uses. */
export function BlastPanel({ snapshotId, view, workloads, report, loading, error, update }: BlastPanelProps) {
  const exposure = view.direction === 'exposure';
  const observed = new Set(report?.observedReached.map((r) => r.workload) ?? []);
  const target = report?.reached.find((r) => r.workload === view.target);
  const notTraversed = report?.reached.filter((r) => r.notTraversed) ?? [];
  const sensitive = report?.reached.filter((r) => r.sensitivity && !r.crownJewel) ?? [];
  return (
    <div data-testid="blast-panel" className="text-sm">
      <div className="space-y-3 px-4 py-3">
        <div className="flex gap-1 rounded-md bg-slate-100 p-0.5 text-xs font-medium" role="radiogroup" aria-label="Direction">
          {(['blast', 'exposure'] as const).map((d) => (
            <button
              key={d}
              type="button"
              role="radio"
              aria-checked={view.direction === d}
              onClick={() => update({ direction: d, target: undefined })}
              className={`flex-1 rounded px-2 py-1 ${view.direction === d ? 'bg-white shadow-sm' : 'text-slate-600'}`}
            >
              {d === 'blast' ? 'Blast radius (what it reaches)' : 'Exposure (who reaches it)'}
            </button>
          ))}
        </div>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {exposure ? 'Target workload' : 'Compromised workload'}
          <select className={input} value={view.start[0] ?? ''} onChange={(e) => update({ start: e.target.value ? [e.target.value] : [], target: undefined })} data-testid="blast-start">
            <option value="">Pick a workload…</option>
            {workloads.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap items-center gap-4 text-xs text-slate-700">
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={view.observedOnly} onChange={(e) => update({ observedOnly: e.target.checked })} />
            Observed traffic only (actual)
          </label>
          <label className="flex items-center gap-1.5" title="Off: cluster DNS, the mesh control plane and the API server are shown as reached but not walked on from, since every pod must reach them and going further takes compromising them.">
            <input type="checkbox" checked={view.pivotThroughInfra} onChange={(e) => update({ pivotThroughInfra: e.target.checked })} data-testid="pivot-through-infra" />
            Pivot through infrastructure
          </label>
          <label className="flex items-center gap-1.5">
            Max hops
            <select className={`${input} py-0.5`} value={view.maxHops ?? ''} onChange={(e) => update({ maxHops: e.target.value ? Number(e.target.value) : undefined })}>
              <option value="">any</option>
              {[1, 2, 3, 4, 5, 6].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {!view.start.length ? (
        <p className="border-t border-slate-100 px-4 py-3 text-slate-600">
          Pick a workload above, or select a node in the graph and click <strong>Assume compromised</strong>: Eastwest shows everything an attacker holding it could reach over policy-allowed connections, hop by hop.
        </p>
      ) : error ? (
        <p role="alert" className="border-t border-rose-100 bg-rose-50 px-4 py-3 text-rose-900">
          {error} Pick another workload, or check that the snapshot still exists.
        </p>
      ) : !report ? (
        <p className="border-t border-slate-100 px-4 py-3 text-slate-500">{loading ? 'Computing the reachable set…' : ''}</p>
      ) : (
        <>
          <div className="border-t border-slate-100 px-4 py-3" data-testid="blast-summary">
            <p className="text-slate-900">
              <strong className="tabular-nums">{report.reached.length}</strong> of {report.workloads - report.start.length} other workloads {exposure ? 'can reach it' : 'reachable'} (
              {Math.round((100 * report.reached.length) / Math.max(1, report.workloads - report.start.length))}%){view.observedOnly ? ' over observed traffic' : ' over policy-allowed connections'}.
            </p>
            {!view.observedOnly ? (
              <p className="mt-1 text-slate-600">
                Observed traffic alone: <strong className="tabular-nums">{report.observedReached.length}</strong>. The difference ({report.reached.filter((r) => !observed.has(r.workload)).length}) is reach that policy grants but nobody uses.
              </p>
            ) : null}
            {report.reached.some((r) => r.crownJewel) ? (
              <p className="mt-1 font-medium text-violet-800">
                ★ Crown jewels reached: {report.reached.filter((r) => r.crownJewel).map((r) => `${atHop(r)}${r.suggested ? ' ☆ suggested' : ''}`).join(', ')}
              </p>
            ) : null}
            {sensitive.length ? <p className="mt-1 text-amber-800">Sensitive services reached: {sensitive.map(atHop).join(', ')}.</p> : null}
            {notTraversed.length ? (
              <p className="mt-1 text-slate-600" data-testid="infra-not-traversed">
                Reached but not traversed: {notTraversed.map((r) => `${r.workload} (${r.infra ? WORKLOAD_INFRA_LABEL[r.infra] : 'infrastructure'})`).join(', ')}. Every pod must reach shared infrastructure; going further
                would take compromising it, a different threat. Tick <em>Pivot through infrastructure</em> to walk on from it.
              </p>
            ) : report.pivotThroughInfra ? (
              <p className="mt-1 text-slate-600">Pivoting through infrastructure: the attacker is assumed to compromise cluster DNS, the mesh control plane and the API server when it reaches them.</p>
            ) : null}
          </div>
          {target ? (
            <div className="border-t border-slate-100 bg-pink-50/50 px-4 py-3" data-testid="blast-path">
              <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Shortest path to {target.workload}</p>
              <ol className="mt-1 space-y-1 break-words font-mono text-xs [overflow-wrap:anywhere]">
                {target.path.map((h, i) => (
                  <li key={i}>
                    {i + 1}. {h.from} → {h.to} :{h.port}/{h.protocol}
                    {h.restrictions?.length ? <span className="text-slate-500"> only {h.restrictions.join(', ')}</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          <div className="border-t border-slate-100 px-4 py-3">
            <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{exposure ? 'Who can reach it, by hop' : 'Reached workloads, by hop'}</p>
            {report.reached.length === 0 ? <p className="mt-1 text-slate-600">Nothing: every connection {exposure ? 'to' : 'from'} it is denied.</p> : null}
            {byHop(report.reached).map(([hops, list]) => (
              <div key={hops} className="mt-2">
                <p className="text-xs font-semibold text-slate-700">Hop {hops}</p>
                <ul className="mt-0.5">
                  {list.map((r) => (
                    <li key={r.workload}>
                      <ReachedRow
                        workload={r}
                        selected={r.workload === view.target}
                        policyOnly={!view.observedOnly && !observed.has(r.workload)}
                        onSelect={() => update({ target: r.workload === view.target ? undefined : r.workload })}
                      />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
          {!view.observedOnly ? (
            <div className="border-t border-slate-100 px-4 py-3" data-testid="granted-but-unused">
              <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Granted but unused ({report.grantedButUnused.length})</p>
              <p className="mt-1 text-xs text-slate-600">Connections policy allows on the attacker&apos;s way that no observed traffic uses: the cheapest reach to remove.</p>
              <ul className="mt-1.5 space-y-0.5 text-xs">
                {report.grantedButUnused.slice(0, UNUSED_SHOWN).map((e) => (
                  <li key={`${e.source}|${e.destination}|${e.port}|${e.protocol}`} className="flex items-center justify-between gap-2">
                    <span className="min-w-0 truncate font-mono" title={`${e.source} → ${e.destination} :${e.port}/${e.protocol}`}>
                      {e.source} → {e.destination} :{e.port}
                    </span>
                    <Link className="shrink-0 font-medium text-brand-600 hover:text-brand-700" href={removeGrantHref(snapshotId, e)}>
                      Draft removal
                    </Link>
                  </li>
                ))}
              </ul>
              {report.grantedButUnused.length ? (
                <Link className="mt-2 inline-block text-xs font-medium text-brand-600 hover:text-brand-700" href={draftsHref(snapshotId)} data-testid="draft-remove-unused">
                  Draft least-privilege policies from observed traffic (drops all {report.grantedButUnused.length}) →
                </Link>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
