import type { ImportResult } from './import-result';
import { orderForImport, type PickedFile } from './picked-file';
import { resultState } from './result-view';

export type FileState =
  | { kind: 'queued' }
  | { kind: 'uploading'; loaded: number; total: number }
  /** Upload finished; the server is parsing and storing it. */
  | { kind: 'processing' }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; message: string };

export type QueueItem = { key: string; file: File; path: string; manifest?: boolean; state: FileState };

export type QueueAction =
  | { type: 'add'; files: PickedFile[] }
  | { type: 'remove'; key: string }
  | { type: 'clear-finished' }
  | { type: 'retry-failed' }
  | { type: 'progress'; key: string; loaded: number; total: number }
  | { type: 'processing'; key: string }
  | { type: 'done'; key: string; result: ImportResult }
  | { type: 'failed'; key: string; message: string };

/** A file is identified by path, size and modification time: dropping it twice adds it once. */
function keyOf({ file, path }: PickedFile): string {
  return `${path}\u0000${file.size}\u0000${file.lastModified}`;
}

export function queueReducer(items: QueueItem[], action: QueueAction): QueueItem[] {
  switch (action.type) {
    case 'add': {
      const known = new Set(items.map((i) => i.key));
      const added: QueueItem[] = [];
      for (const f of action.files) {
        const key = keyOf(f);
        if (known.has(key)) continue;
        known.add(key);
        added.push({ key, file: f.file, path: f.path, manifest: f.manifest, state: { kind: 'queued' } });
      }
      const [pending, rest] = partition(items, (i) => i.state.kind === 'queued');
      return [...rest, ...orderForImport([...pending, ...added])];
    }
    case 'remove':
      return items.filter((i) => i.key !== action.key || isBusy(i.state));
    case 'clear-finished':
      return items.filter((i) => i.state.kind !== 'done' && i.state.kind !== 'failed');
    case 'retry-failed':
      return items.map((i) => (i.state.kind === 'failed' || (i.state.kind === 'done' && i.state.result.status === 'failed') ? { ...i, state: { kind: 'queued' } } : i));
    case 'progress':
      return update(items, action.key, { kind: 'uploading', loaded: action.loaded, total: action.total });
    case 'processing':
      return update(items, action.key, { kind: 'processing' });
    case 'done':
      return update(items, action.key, { kind: 'done', result: action.result });
    case 'failed':
      return update(items, action.key, { kind: 'failed', message: action.message });
  }
}

export function isBusy(state: FileState): boolean {
  return state.kind === 'uploading' || state.kind === 'processing';
}

/** Files by outcome; `partial`: imported with rejected records or objects (not counted in `succeeded`). */
export type QueueSummary = { queued: number; busy: number; succeeded: number; partial: number; duplicate: number; failed: number };

export function summarize(items: readonly QueueItem[]): QueueSummary {
  const summary: QueueSummary = { queued: 0, busy: 0, succeeded: 0, partial: 0, duplicate: 0, failed: 0 };
  for (const { state } of items) {
    if (state.kind === 'queued') summary.queued += 1;
    else if (state.kind === 'uploading' || state.kind === 'processing') summary.busy += 1;
    else if (state.kind === 'failed') summary.failed += 1;
    else summary[resultState(state.result)] += 1;
  }
  return summary;
}

function update(items: QueueItem[], key: string, state: FileState): QueueItem[] {
  return items.map((i) => (i.key === key ? { ...i, state } : i));
}

function partition<T>(xs: readonly T[], pred: (x: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const x of xs) (pred(x) ? yes : no).push(x);
  return [yes, no];
}
