'use client';

import type { GraphEdge } from '@/lib/graph/model';
import { Button } from '@/components/ui/button';
import { formatTime } from './detail-parts';
import { EDGE_LOOKS } from './edge-palette';
import { EdgeSwatch } from './graph-legend';
import { EDGE_COLUMNS, sortEdgeRows, toCsv, toEdgeRow } from './edge-rows';

/** The explorer's details panel (app/graph/explorer-client.tsx), focused after a row is chosen from the keyboard. */
export const DETAILS_PANEL_ID = 'graph-details';

export interface EdgeTableProps {
  edges: readonly GraphEdge[];
  sort: string;
  dir: 'asc' | 'desc';
  selectedId?: string;
  fileName: string;
  onSort(sort: string, dir: 'asc' | 'desc'): void;
  onSelect(id: string): void;
}

/** Client-side download of the rows on screen (same filters and order): no server round trip. */
function downloadCsv(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function EdgeTable({ edges, sort, dir, selectedId, fileName, onSort, onSelect }: EdgeTableProps) {
  const rows = sortEdgeRows(edges.map(toEdgeRow), sort, dir);
  const unused = edges.filter((e) => e.class === 'unused').length;
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
        <p className="text-sm text-slate-600">
          {rows.length} edge{rows.length === 1 ? '' : 's'} in view ({unused ? `${rows.length - unused} observed, ${unused} allowed but unused` : 'all observed'})
        </p>
        <Button variant="secondary" className="px-2.5 py-1.5 text-xs" onClick={() => downloadCsv(toCsv(rows), fileName)} disabled={!rows.length} data-testid="export-csv">
          Export CSV
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full text-left text-xs" data-testid="edge-table">
          <thead className="sticky top-0 bg-slate-50 text-[11px] font-medium uppercase tracking-wide text-slate-500">
            <tr>
              {EDGE_COLUMNS.map((c) => {
                const active = sort === c.key || (c.key === 'kind' && !EDGE_COLUMNS.some((x) => x.key === sort));
                return (
                  <th key={c.key} scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={`px-3 py-2 ${c.numeric ? 'text-right' : ''}`}>
                    <button type="button" className="uppercase hover:text-slate-900" onClick={() => onSort(c.key, active && dir === 'asc' ? 'desc' : 'asc')}>
                      {c.label} {active ? (dir === 'asc' ? '▲' : '▼') : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr
                key={r.id}
                data-testid="edge-row"
                data-edge-id={r.id}
                onClick={() => onSelect(r.id)}
                className={`cursor-pointer hover:bg-slate-50 ${r.id === selectedId ? 'bg-brand-50' : ''}`}
              >
                <td className="px-3 py-1.5 font-mono">
                  {/* The row's keyboard route to the details panel (the canvas and the row's click are mouse-only). */}
                  <button
                    type="button"
                    className="text-left font-mono underline-offset-2 hover:underline focus-visible:underline"
                    aria-pressed={r.id === selectedId}
                    aria-label={`Show details of ${r.source} to ${r.destination} ${r.port}/${r.protocol}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSelect(r.id);
                      // A keyboard activation (a click with detail 0) moves focus to the details it opened.
                      if (e.detail === 0) requestAnimationFrame(() => document.getElementById(DETAILS_PANEL_ID)?.focus());
                    }}
                  >
                    {r.source}
                  </button>
                </td>
                <td className="px-3 py-1.5 font-mono">{r.destination}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{r.port}</td>
                <td className="px-3 py-1.5">{r.protocol}</td>
                <td className="whitespace-nowrap px-3 py-1.5">
                  <span className="flex items-center gap-1.5">
                    <EdgeSwatch kind={r.kind} width={28} />
                    {EDGE_LOOKS[r.kind].label}
                  </span>
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{r.count ? r.count.toLocaleString('en-US') : '—'}</td>
                <td className="whitespace-nowrap px-3 py-1.5">{r.firstSeen ? formatTime(r.firstSeen) : '—'}</td>
                <td className="whitespace-nowrap px-3 py-1.5">{r.lastSeen ? formatTime(r.lastSeen) : '—'}</td>
                <td className="max-w-xs truncate px-3 py-1.5 font-mono text-[11px]" title={r.rules}>
                  {r.rules || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
