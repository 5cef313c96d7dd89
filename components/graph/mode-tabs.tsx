'use client';

import type { ExplorerMode } from './view-state';

const LABELS: Record<ExplorerMode, string> = { graph: 'Graph', table: 'Table', blast: 'Blast radius' };

export function ModeTabs({ mode, onChange }: { mode: ExplorerMode; onChange(mode: ExplorerMode): void }) {
  return (
    <div role="tablist" aria-label="View" className="flex gap-1 rounded-md bg-slate-100 p-0.5 text-sm font-medium">
      {(Object.keys(LABELS) as ExplorerMode[]).map((m) => (
        <button
          key={m}
          type="button"
          role="tab"
          aria-selected={mode === m}
          onClick={() => onChange(m)}
          className={`rounded px-3 py-1 ${mode === m ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
        >
          {LABELS[m]}
        </button>
      ))}
    </div>
  );
}
