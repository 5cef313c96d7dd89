'use client';

import type { GraphSummary } from '@/lib/graph/model';
import type { ExplorerMode } from './view-state';

const LABELS: Record<ExplorerMode, string> = { graph: 'Graph', table: 'Table', blast: 'Blast radius', rules: 'Rules' };

/** The Rules tab's counts, from the view's summary (the lists themselves are fetched when the tab is open). */
export function ruleCountsText(s: Pick<GraphSummary, 'danglingRules' | 'unusedRules' | 'wildcardRules'>): string {
  return `${s.danglingRules} dangling · ${s.unusedRules} unused · ${s.wildcardRules} wildcard`;
}

export function ModeTabs({ mode, onChange, summary }: { mode: ExplorerMode; onChange(mode: ExplorerMode): void; summary?: GraphSummary }) {
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
          {...(m === 'rules' && summary ? { 'data-testid': 'rules-tab', 'data-dangling': summary.danglingRules, 'data-unused': summary.unusedRules, 'data-wildcard': summary.wildcardRules } : {})}
        >
          {LABELS[m]}
          {m === 'rules' && summary ? <span className="ml-1.5 text-xs font-normal tabular-nums text-slate-500">{ruleCountsText(summary)}</span> : null}
        </button>
      ))}
    </div>
  );
}
