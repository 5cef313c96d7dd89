'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ProgressBar } from '@/components/ui/progress-bar';
import { DiagnosticsList } from './diagnostics-list';
import { ImportCountsLine } from './import-counts';
import { isBusy, type FileState, type QueueItem } from './import-queue';
import type { ImportResult } from './import-result';
import { formatBytes } from './picked-file';
import { resultHint, resultState, resultSummary, type ResultState } from './result-view';

function stateBadge(state: FileState): { tone: BadgeTone; label: string } {
  switch (state.kind) {
    case 'queued':
      return { tone: 'neutral', label: 'queued' };
    case 'uploading':
      return { tone: 'brand', label: 'uploading' };
    case 'processing':
      return { tone: 'brand', label: 'importing' };
    case 'failed':
      return { tone: 'danger', label: 'failed' };
    case 'done':
      return resultBadge[resultState(state.result)];
  }
}

/** A file with rejected records or objects is partly imported: never the green badge of a clean import. */
const resultBadge: Record<ResultState, { tone: BadgeTone; label: string }> = {
  succeeded: { tone: 'success', label: 'imported' },
  partial: { tone: 'warning', label: 'partly imported' },
  duplicate: { tone: 'warning', label: 'already imported' },
  failed: { tone: 'danger', label: 'failed' },
};

export function FileRow({ item, onRemove }: { item: QueueItem; onRemove: () => void }) {
  const { state } = item;
  const badge = stateBadge(state);
  return (
    <li className="px-5 py-4" data-testid="import-file" data-state={state.kind === 'done' ? resultState(state.result) : state.kind}>
      <div className="flex items-center gap-3">
        <span className="min-w-0 flex-1 truncate font-mono text-sm text-slate-900" title={item.path}>{item.path}</span>
        {state.kind === 'done' && state.result.format ? <span className="font-mono text-xs text-slate-500">{state.result.format}</span> : null}
        <span className="w-16 text-right text-xs tabular-nums text-slate-500">{formatBytes(item.file.size)}</span>
        <Badge tone={badge.tone}>{badge.label}</Badge>
        {!isBusy(state) ? (
          <button type="button" onClick={onRemove} aria-label={`Remove ${item.path}`} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
            <svg viewBox="0 0 16 16" className="size-4" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round"><path d="M4 4l8 8M12 4l-8 8" /></svg>
          </button>
        ) : <span className="size-6" />}
      </div>
      {state.kind === 'uploading' || state.kind === 'processing' || state.kind === 'queued' ? (
        <div className="mt-2">
          <ProgressBar
            label={`Upload of ${item.path}`}
            value={state.kind === 'uploading' ? state.loaded / Math.max(1, state.total) : state.kind === 'queued' ? 0 : null}
          />
        </div>
      ) : null}
      {state.kind === 'failed' ? <p role="alert" className="mt-2 text-sm text-rose-700">{state.message}</p> : null}
      {state.kind === 'done' ? <ResultDetails result={state.result} /> : null}
    </li>
  );
}

function ResultDetails({ result }: { result: ImportResult }) {
  const summary = resultSummary(result);
  const hint = resultHint(result);
  return (
    <div className="mt-2 space-y-1">
      {summary ? <p className="text-sm text-slate-700">{summary}</p> : null}
      <ImportCountsLine counts={result.counts} />
      <DiagnosticsList diagnostics={result.diagnostics} />
      {hint ? <p className="text-sm text-slate-600" data-testid="import-hint">{hint}</p> : null}
    </div>
  );
}
