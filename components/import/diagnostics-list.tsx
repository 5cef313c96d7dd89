'use client';

import { useState } from 'react';
import type { ImportDiagnostic } from './import-result';

const shownByDefault = 20;

const severityStyle: Record<ImportDiagnostic['severity'], string> = {
  error: 'bg-rose-100 text-rose-800',
  warning: 'bg-amber-100 text-amber-800',
  info: 'bg-slate-100 text-slate-700',
};

/** All problems found in one file, each with its line: the user fixes them in one pass. */
export function DiagnosticsList({ diagnostics }: { diagnostics: ImportDiagnostic[] }) {
  const [showAll, setShowAll] = useState(false);
  if (diagnostics.length === 0) return null;
  const visible = showAll ? diagnostics : diagnostics.slice(0, shownByDefault);
  return (
    <div className="mt-3 rounded-md border border-slate-200 bg-slate-50">
      <ul className="max-h-72 divide-y divide-slate-200 overflow-y-auto text-xs" data-testid="diagnostics">
        {visible.map((d, index) => (
          <li key={index} className="flex items-start gap-3 px-3 py-2">
            <span className={`mt-px shrink-0 rounded px-1.5 py-0.5 font-medium uppercase tracking-wide ${severityStyle[d.severity]}`}>{d.severity}</span>
            <span className="min-w-0 flex-1 text-slate-800">
              {d.line ? <span className="mr-2 font-mono text-slate-500">line {d.line}{d.column ? `:${d.column}` : ''}</span> : null}
              {d.message}
              <span className="ml-2 font-mono text-slate-400">{d.code}</span>
            </span>
          </li>
        ))}
      </ul>
      {diagnostics.length > shownByDefault ? (
        <button type="button" onClick={() => setShowAll((v) => !v)} className="w-full border-t border-slate-200 px-3 py-1.5 text-xs font-medium text-brand-600 hover:bg-white">
          {showAll ? 'Show fewer' : `Show all ${diagnostics.length} diagnostics`}
        </button>
      ) : null}
    </div>
  );
}
