import { listSnapshotsWithCounts } from '@/lib/db';
import type { SnapshotSummary } from './snapshot-summary';

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Server-only: reads the snapshot list for a page. A database failure becomes a message the
 * page can show with next steps, instead of an error page with a stack trace.
 */
export async function loadSnapshots(): Promise<Loaded<SnapshotSummary[]>> {
  try {
    return { ok: true, value: await listSnapshotsWithCounts() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? firstLine(error.message) : String(error) };
  }
}

function firstLine(message: string): string {
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'Unknown database error';
}
