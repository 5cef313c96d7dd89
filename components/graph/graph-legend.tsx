'use client';

import type { GraphSummary } from '@/lib/graph/model';
import { EDGE_LOOKS, svgDash } from './edge-palette';
import { NOT_ISOLATED_MARK } from './to-elements';
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
      {kind === 'denied' || kind === 'unprotected' ? (
        <span>
          {kind} <span className="font-semibold tabular-nums">{numberFormat.format(count)}</span>
        </span>
      ) : null}
    </button>
  );
  const group = (cls: 'allowed' | 'unauthorized' | 'unused', title: string, count: number, kinds: EdgeKind[]) => (
    <div data-testid={`legend-class-${cls}`} data-count={count} className="flex items-center gap-1 rounded-md border border-slate-200 bg-white pl-2">
      <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
        {title} <span className="tabular-nums text-slate-800">{numberFormat.format(count)}</span>
      </span>
      {kinds.map((k) => item(k, k === 'allowed' ? summary.allowed : k === 'unused' ? summary.unused : summary[k]))}
    </div>
  );
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Legend: edges per class" role="group" data-testid="graph-legend">
      {group('allowed', 'Allowed', summary.allowed, ['allowed'])}
      {group('unauthorized', 'Observed but unauthorized', summary.unauthorized, ['denied', 'unprotected'])}
      {group('unused', 'Allowed but unused', summary.unused, ['unused'])}
    </div>
  );
}

/** Node shapes, drawn over the canvas corner so the toolbar stays short. */
export function NodeLegend() {
  return (
    <ul className="pointer-events-none absolute bottom-2 left-2 flex flex-wrap items-center gap-x-3 rounded-md bg-white/90 px-2 py-1 text-xs text-slate-600 shadow-sm ring-1 ring-slate-200" aria-label="Node shapes">
      <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-3 rounded-sm border-2 border-slate-700 bg-white" />workload</li>
      <li className="flex items-center gap-1.5" data-testid="legend-not-isolated">
        <span className="inline-block h-3.5 w-3.5 rounded-sm border-[5px] border-double border-[#E69F00] bg-white" />
        <span aria-hidden="true">{NOT_ISOLATED_MARK}</span> not isolated
      </li>
      <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-3 border-2 border-violet-700 bg-violet-100 [clip-path:polygon(25%_0,75%_0,100%_50%,75%_100%,25%_100%,0_50%)]" />infra</li>
      <li className="flex items-center gap-1.5"><span className="inline-block h-2.5 w-2.5 rotate-45 border-2 border-dashed border-slate-600 bg-slate-100" />external / node</li>
    </ul>
  );
}
