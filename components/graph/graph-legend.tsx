'use client';

import type { GraphSummary } from '@/lib/graph/model';
import { EDGE_LOOKS, svgDash } from './edge-palette';
import type { EdgeKind } from './view-state';

const numberFormat = new Intl.NumberFormat('en-US');

export function EdgeSwatch({ kind, width = 36 }: { kind: EdgeKind; width?: number }) {
  const look = EDGE_LOOKS[kind];
  return (
    <svg width={width} height="12" aria-hidden="true" className="shrink-0">
      <line x1="2" y1="6" x2={width - 8} y2="6" stroke={look.color} strokeWidth={Math.max(1.5, look.width)} strokeDasharray={svgDash(look)} />
      {look.arrow === 'tee' ? (
        <line x1={width - 6} y1="1" x2={width - 6} y2="11" stroke={look.color} strokeWidth="2.5" />
      ) : (
        <path d={`M${width - 9},1 L${width - 2},6 L${width - 9},11 Z`} fill={look.arrowFill === 'hollow' ? 'white' : look.color} stroke={look.color} strokeWidth="1.2" />
      )}
    </svg>
  );
}

/**
 * Counts per class for the whole snapshot (the API's unfiltered summary), grouped as the three classes
 * with `unauthorized` split into its two sub-states. Each entry toggles that kind in the view.
 */
export function GraphLegend({ summary, show, onToggle }: { summary: GraphSummary; show: readonly EdgeKind[]; onToggle(kind: EdgeKind): void }) {
  const active = (k: EdgeKind) => show.length === 0 || show.includes(k);
  const item = (kind: EdgeKind, count: number) => (
    <button
      key={kind}
      type="button"
      onClick={() => onToggle(kind)}
      aria-pressed={show.includes(kind)}
      data-testid={`legend-${kind}`}
      data-count={count}
      title={`${EDGE_LOOKS[kind].description}. Click to show only this kind (click again to add or remove).`}
      className={`flex items-center gap-2 rounded-md px-2 py-1 text-left text-xs transition-colors hover:bg-slate-100 ${active(kind) ? 'text-slate-800' : 'text-slate-400 line-through'}`}
    >
      <EdgeSwatch kind={kind} />
      <span>{EDGE_LOOKS[kind].label.replace(/^Unauthorized: /, '')}</span>
      <span className="font-semibold tabular-nums">{numberFormat.format(count)}</span>
    </button>
  );
  return (
    <div className="flex flex-wrap items-start gap-x-6 gap-y-2" aria-label="Legend: edges per class" role="group" data-testid="graph-legend">
      <div data-testid="legend-class-allowed" data-count={summary.allowed}>
        <p className="px-2 text-[11px] font-medium uppercase tracking-wide text-slate-500">Allowed <span className="tabular-nums">{summary.allowed}</span></p>
        {item('allowed', summary.allowed)}
      </div>
      <div data-testid="legend-class-unauthorized" data-count={summary.unauthorized}>
        <p className="px-2 text-[11px] font-medium uppercase tracking-wide text-slate-500">Observed but unauthorized <span className="tabular-nums">{summary.unauthorized}</span></p>
        <div className="flex flex-wrap">
          {item('denied', summary.denied)}
          {item('unprotected', summary.unprotected)}
        </div>
      </div>
      <div data-testid="legend-class-unused" data-count={summary.unused}>
        <p className="px-2 text-[11px] font-medium uppercase tracking-wide text-slate-500">Allowed but unused <span className="tabular-nums">{summary.unused}</span></p>
        {item('unused', summary.unused)}
      </div>
      <div className="text-xs text-slate-600">
        <p className="px-2 text-[11px] font-medium uppercase tracking-wide text-slate-500">Nodes</p>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 px-2 py-1">
          <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-3 rounded-sm border-2 border-slate-700 bg-white" />workload</li>
          <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-3 rounded-sm border-4 border-double border-[#E69F00] bg-white" />not isolated (unprotected)</li>
          <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-3 border-2 border-violet-700 bg-violet-100 [clip-path:polygon(25%_0,75%_0,100%_50%,75%_100%,25%_100%,0_50%)]" />infrastructure</li>
          <li className="flex items-center gap-1.5"><span className="inline-block h-2.5 w-2.5 rotate-45 border-2 border-dashed border-slate-600 bg-slate-100" />external peer / node</li>
        </ul>
      </div>
    </div>
  );
}
