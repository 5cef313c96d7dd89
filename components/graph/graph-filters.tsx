'use client';

import { useEffect, useState } from 'react';
import { UtcDateTimeInput } from './utc-datetime-input';
import { noFilters, type ViewState } from './view-state';

const input = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none';
const label = 'flex items-center gap-1.5 text-xs font-medium text-slate-600';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

type DebouncedTextProps = { value: string; onCommit(v: string): void } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** A text field that writes to the URL after the user pauses typing (or presses Enter), not on every key. */
function DebouncedText({ value, onCommit, ...props }: DebouncedTextProps) {
  const [draft, setDraft] = useState(value);
  // A change from outside (back button, "Clear filters") resets the draft: React's "adjust state on prop change".
  // https://react.dev/learn/you-might-not-need-an-effect#adjusting-some-state-when-a-prop-changes
  const [committed, setCommitted] = useState(value);
  if (value !== committed) {
    setCommitted(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => onCommit(draft), 400);
    return () => clearTimeout(t);
  }, [draft, value, onCommit]);
  return <input {...props} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && onCommit(draft)} />;
}

export interface GraphFiltersProps {
  view: ViewState;
  namespaces: string[];
  trafficRange: { start: string; end: string } | null;
  update(patch: Partial<ViewState>): void;
}

/**
 * The From/To fields offer only times that keep the window the right way round; a time typed past the other end
 * clears that end (the API refuses `from` after `to`, which would replace the graph with an error).
 */
export function GraphFilters({ view, namespaces, trafficRange, update }: GraphFiltersProps) {
  const filtered = view.namespaces.length || view.port || view.protocol || view.method || view.path || view.search || view.from || view.to || view.hideInfra || view.hideExternal || view.show.length;
  return (
    <form className="flex flex-wrap items-center gap-x-3 gap-y-2" onSubmit={(e) => e.preventDefault()} aria-label="Graph filters">
      <label className={label}>
        <span className="sr-only">Search workloads and labels</span>
        <DebouncedText className={`${input} w-52`} type="search" placeholder="Search workloads, labels…" value={view.search} onCommit={(q) => update({ search: q })} data-testid="filter-search" />
      </label>
      <details className="relative" data-testid="filter-namespaces">
        <summary className={`${input} cursor-pointer list-none select-none`}>
          Namespaces: {view.namespaces.length ? view.namespaces.join(', ') : 'all'} ▾
        </summary>
        <div className="absolute z-20 mt-1 max-h-72 w-64 overflow-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          {namespaces.map((ns) => (
            <label key={ns} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                checked={view.namespaces.includes(ns)}
                onChange={(e) => update({ namespaces: e.target.checked ? [...view.namespaces, ns] : view.namespaces.filter((n) => n !== ns) })}
              />
              {ns}
            </label>
          ))}
          {namespaces.length === 0 ? <p className="px-2 py-1 text-sm text-slate-500">No namespaces in this snapshot.</p> : null}
        </div>
      </details>
      <label className={label}>
        Port
        <DebouncedText className={`${input} w-16`} inputMode="numeric" placeholder="any" value={view.port ? String(view.port) : ''} onCommit={(p) => update({ port: /^\d+$/.test(p) && +p > 0 && +p < 65536 ? Number(p) : undefined })} data-testid="filter-port" />
      </label>
      <label className={label}>
        Protocol
        <select className={input} value={view.protocol ?? ''} onChange={(e) => update({ protocol: e.target.value || undefined })} data-testid="filter-protocol">
          <option value="">any</option>
          <option>TCP</option>
          <option>UDP</option>
          <option>SCTP</option>
        </select>
      </label>
      <label className={label}>
        L7 method
        <select className={input} value={view.method ?? ''} onChange={(e) => update({ method: e.target.value || undefined })} data-testid="filter-method">
          <option value="">any</option>
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <label className={label}>
        L7 path
        <DebouncedText className={`${input} w-32`} placeholder="/api/*" value={view.path ?? ''} onCommit={(p) => update({ path: p || undefined })} data-testid="filter-path" />
      </label>
      <UtcDateTimeInput
        label="From (UTC)"
        value={view.from}
        bound="start"
        range={trafficRange && { start: trafficRange.start, end: view.to ?? trafficRange.end }}
        onChange={(from) => update(from && view.to && Date.parse(from) > Date.parse(view.to) ? { from, to: undefined } : { from })}
        labelClassName={label}
        inputClassName={`${input} w-44`}
        title={trafficRange ? `Traffic from ${trafficRange.start} to ${trafficRange.end}` : 'No traffic in this snapshot'}
        testId="filter-from"
      />
      <UtcDateTimeInput
        label="To (UTC)"
        value={view.to}
        bound="end"
        range={trafficRange && { start: view.from ?? trafficRange.start, end: trafficRange.end }}
        onChange={(to) => update(to && view.from && Date.parse(to) < Date.parse(view.from) ? { to, from: undefined } : { to })}
        labelClassName={label}
        inputClassName={`${input} w-44`}
        testId="filter-to"
      />
      <div className="flex items-center gap-3 text-xs text-slate-700">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={view.hideInfra} onChange={(e) => update({ hideInfra: e.target.checked })} data-testid="filter-hide-infra" />
          Hide infra (DNS, probes, API server, mesh)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={view.hideExternal} onChange={(e) => update({ hideExternal: e.target.checked })} data-testid="filter-hide-external" />
          Hide external peers
        </label>
      </div>
      {filtered ? (
        <button
          type="button"
          className="text-xs font-medium text-brand-600 hover:text-brand-700"
          onClick={() => update(noFilters())}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
