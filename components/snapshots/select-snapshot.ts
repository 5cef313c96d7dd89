import { loadSnapshots } from './load-snapshots';
import type { SnapshotSummary } from './snapshot-summary';

export type SnapshotSelection =
  | { kind: 'error'; message: string }
  | { kind: 'none'; snapshots: SnapshotSummary[] }
  | { kind: 'not-found'; id: string; snapshots: SnapshotSummary[] }
  | { kind: 'selected'; snapshot: SnapshotSummary; snapshots: SnapshotSummary[] };

/** Server-only: resolves the `?snapshot=<id>` parameter of a snapshot-scoped page. */
export async function selectSnapshot(param: string | string[] | undefined): Promise<SnapshotSelection> {
  const loaded = await loadSnapshots();
  if (!loaded.ok) return { kind: 'error', message: loaded.message };
  const id = Array.isArray(param) ? param[0] : param;
  if (!id) return { kind: 'none', snapshots: loaded.value };
  const snapshot = loaded.value.find((s) => s.id === id);
  return snapshot ? { kind: 'selected', snapshot, snapshots: loaded.value } : { kind: 'not-found', id, snapshots: loaded.value };
}
