/**
 * A small least-recently-used cache for classified graphs. Classifying is the expensive step (every observed
 * edge through every policy layer); filtering, expanding a namespace or searching reuse the classification of
 * the same snapshot version and time window. Keys must change when the snapshot's content changes.
 */
export class LruCache<V> {
  private entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      // Map iteration order is insertion order: re-insert to mark it most recently used.
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Cache key of a classification: the snapshot, the version of its content, and the window. */
export function classificationKey(snapshotId: string, version: string, window: { from?: string; to?: string }): string {
  return `${snapshotId}|${version}|${window.from ?? ''}|${window.to ?? ''}`;
}
