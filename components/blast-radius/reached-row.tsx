'use client';

import { Badge } from '@/components/ui/badge';
import { SensitivityBadge } from '@/components/findings/sensitivity-badge';
import type { ReportedWorkload } from '@/lib/graph/blast-radius-report';
import { WORKLOAD_INFRA_LABEL } from '@/lib/graph/infra';

export interface ReachedRowProps {
  workload: ReportedWorkload;
  selected: boolean;
  /** Reach that policy grants but no observed traffic uses (potential mode only). */
  policyOnly: boolean;
  onSelect(): void;
}

/**
 * One reached workload: its marks (★ crown jewel, ☆ suggested crown jewel, the Findings sensitivity badge,
 * infrastructure reached but not traversed) and the port of the last hop. A click draws the shortest path.
 */
export function ReachedRow({ workload: r, selected, policyOnly, onSelect }: ReachedRowProps) {
  const last = r.path[r.path.length - 1];
  return (
    <button
      type="button"
      data-testid="reached-row"
      data-workload={r.workload}
      data-hops={r.hops}
      {...(r.notTraversed ? { 'data-not-traversed': r.infra ?? 'infra' } : {})}
      onClick={onSelect}
      className={`flex w-full flex-col gap-0.5 rounded px-2 py-1 text-left text-xs hover:bg-slate-50 ${selected ? 'bg-pink-50' : ''}`}
      title="Draw the shortest path to this workload"
    >
      <span className="flex w-full items-center justify-between gap-2">
        <span className="min-w-0 truncate font-mono">
          {r.crownJewel ? (
            r.suggested ? (
              <span className="text-violet-700" title="suggested crown jewel: it serves sensitive paths">☆ </span>
            ) : (
              <span className="text-violet-700" title="crown jewel">★ </span>
            )
          ) : null}
          {r.workload}
        </span>
        <span className="shrink-0 text-slate-500">
          {last ? `${last.port}/${last.protocol}` : ''}
          {policyOnly ? <span className="ml-1 rounded bg-slate-100 px-1 text-[10px] text-slate-600">policy only</span> : null}
        </span>
      </span>
      {r.sensitivity || r.infra ? (
        <span className="flex flex-wrap gap-1">
          {r.sensitivity ? <SensitivityBadge sensitivity={r.sensitivity} /> : null}
          {r.infra ? <Badge>{`${WORKLOAD_INFRA_LABEL[r.infra]}${r.notTraversed ? ' · not traversed' : ''}`}</Badge> : null}
        </span>
      ) : null}
    </button>
  );
}
