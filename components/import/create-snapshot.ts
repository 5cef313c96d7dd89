import { errorMessage } from './upload-file';
import type { NewSnapshot } from './snapshot-target';

/** `POST /api/snapshots`; returns the new snapshot's id or throws with the server's message. */
export async function createSnapshot(input: NewSnapshot): Promise<string> {
  const response = await fetch('/api/snapshots', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: input.name.trim(), cluster: input.cluster.trim(), environment: input.environment.trim() }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(errorMessage(body) ?? `Creating the snapshot failed (HTTP ${response.status}).`);
  const id = idOf(body);
  if (!id) throw new Error('The server created the snapshot but did not return its id.');
  return id;
}

// Accepts `{ id }` and `{ snapshot: { id } }`.
function idOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.id === 'string') return record.id;
  return typeof record.snapshot === 'object' && record.snapshot !== null ? idOf(record.snapshot) : undefined;
}
