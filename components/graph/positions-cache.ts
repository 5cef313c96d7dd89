/**
 * Node positions per snapshot in localStorage, so the graph does not jump on reload: a view whose nodes all
 * have a cached position is drawn with the `preset` layout instead of running fcose again.
 */
export type Positions = Record<string, { x: number; y: number }>;

const keyOf = (snapshotId: string) => `eastwest:graph-positions:${snapshotId}`;

export function loadPositions(snapshotId: string): Positions {
  try {
    const raw = window.localStorage.getItem(keyOf(snapshotId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as Positions) : {};
  } catch {
    return {}; // private mode, quota, corrupt entry: lay out again
  }
}

export function savePositions(snapshotId: string, positions: Positions): void {
  try {
    window.localStorage.setItem(keyOf(snapshotId), JSON.stringify({ ...loadPositions(snapshotId), ...positions }));
  } catch {
    // storage full or disabled: the graph still works, it just lays out again next time
  }
}

export function clearPositions(snapshotId: string): void {
  try {
    window.localStorage.removeItem(keyOf(snapshotId));
  } catch {
    // ignore
  }
}
