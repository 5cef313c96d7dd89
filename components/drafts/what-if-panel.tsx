'use client';

import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import type { SimulationModeJson, WhatIfEdgeJson, WhatIfJson } from '@/lib/api/drafts';
import { EdgeLabel } from './edge-label';
import { useWhatIfQuery } from './draft-queries';

/** What-if: the snapshot's observed traffic under the draft (added or replacing), and the blast-radius change. */
export function WhatIfPanel({ snapshotId, draftId, mode, version, modeToggle }: { snapshotId: string; draftId: string; mode: SimulationModeJson; version: string; modeToggle: ReactNode }) {
  const [pivotThroughInfra, setPivotThroughInfra] = useState(false);
  const query = useWhatIfQuery(snapshotId, draftId, mode, version, pivotThroughInfra);
  const data = query.data;
  const stale = query.isFetching || data?.mode !== mode || data.pivotThroughInfra !== pivotThroughInfra;
  return (
    <Card>
      <CardHeader title="What-if" description="The observed traffic re-evaluated with the draft applied, through every policy layer." actions={modeToggle} />
      <div className="space-y-5 px-5 py-4" data-testid="what-if" aria-busy={stale}>
        {query.error ? <p role="alert" className="text-sm text-rose-800">{query.error.message}</p> : null}
        {!data ? <p className="text-sm text-slate-500">Evaluating…</p> : (
          <div className={`space-y-5 ${stale ? 'opacity-60' : ''}`}>
            <EdgeSection
              testId="would-break"
              title="Would break"
              tone="danger"
              empty="No observed legitimate traffic would be denied."
              description="Legitimate traffic allowed today that the draft denies."
              edges={data.wouldBreak}
            />
            <EdgeSection testId="blocked" title="Blocked" tone="success" empty="No unauthorized attempt is blocked by the change." description="Unauthorized attempts (denied or dropped when observed) that the draft denies." edges={data.blocked} />
            <EdgeSection testId="still-allowed" title="Still allowed" tone="warning" empty="No unauthorized attempt stays allowed." description="Unauthorized attempts the policies would still let through." edges={data.stillAllowed} />
            <p className="text-xs text-slate-500">
              {data.edges} observed edges evaluated; {data.deniedAfter} legitimate ones are not allowed after the change (including those denied already){data.unknown > 0 ? `; ${data.unknown} could not be evaluated (no address)` : ''}.
            </p>
            <RiskTable data={data} pivotThroughInfra={pivotThroughInfra} onPivotChange={setPivotThroughInfra} />
          </div>
        )}
      </div>
    </Card>
  );
}

function EdgeSection({ testId, title, tone, description, empty, edges }: { testId: string; title: string; tone: 'danger' | 'success' | 'warning'; description: string; empty: string; edges: WhatIfEdgeJson[] }) {
  return (
    <section data-testid={testId} aria-label={title}>
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <Badge tone={edges.length > 0 ? tone : 'neutral'}>{edges.length}</Badge>
      </div>
      <p className="text-xs text-slate-500">{description}</p>
      {edges.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
          {edges.map((e, i) => (
            <li key={i} className="px-3 py-2">
              <EdgeLabel {...e} />
              <div className="mt-0.5 text-[11px] text-slate-500">
                {e.count.toLocaleString('en')} observed · today {e.before}, after {e.after}
              </div>
              {e.reason ? <div className="mt-0.5 break-words font-mono text-[11px] text-slate-500">{e.reason}</div> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RiskTable({ data, pivotThroughInfra, onPivotChange }: { data: WhatIfJson; pivotThroughInfra: boolean; onPivotChange(on: boolean): void }) {
  if (data.riskiest.length === 0) return null;
  return (
    <section aria-label="Blast radius change" data-testid="blast-radius-change">
      <h3 className="text-sm font-semibold text-slate-900">Blast radius of the riskiest workloads</h3>
      <p className="text-xs text-slate-500">
        Workloads an attacker holding each one could reach over what the policies allow (multi-hop), of {data.workloads - 1} others.{' '}
        {pivotThroughInfra
          ? 'Shared infrastructure (cluster DNS, mesh control plane, API server) is assumed compromised when reached, and walked on from.'
          : 'Shared infrastructure (cluster DNS, mesh control plane, API server) counts as reached but is not walked on from: going further would take compromising it.'}
      </p>
      <label className="mt-1 flex items-center gap-1.5 text-xs text-slate-700">
        <input type="checkbox" checked={pivotThroughInfra} onChange={(e) => onPivotChange(e.target.checked)} data-testid="what-if-pivot-through-infra" />
        Pivot through infrastructure
      </label>
      <table className="mt-2 w-full text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 font-medium">Workload</th>
            <th className="py-1 text-right font-medium">Before</th>
            <th className="py-1 text-right font-medium">After</th>
            <th className="py-1 text-right font-medium">Change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.riskiest.map((r) => {
            const delta = r.after - r.before;
            return (
              <tr key={r.workload}>
                <td className="py-1 font-mono text-xs">{r.workload}</td>
                <td className="py-1 text-right tabular-nums">{r.before}</td>
                <td className="py-1 text-right tabular-nums">{r.after}</td>
                <td className={`py-1 text-right tabular-nums ${delta < 0 ? 'text-emerald-700' : delta > 0 ? 'text-rose-700' : 'text-slate-400'}`}>
                  {delta === 0 ? '—' : delta > 0 ? `+${delta}` : delta}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
