import { randomUUID } from 'node:crypto';
import type { Diagnostic } from '@/lib/model';
import { getPrisma } from '../client';
import { toJson } from '../json';
import type { Tx } from '../transaction';
import type { ImportCounts, ImportFormat } from './types';

export interface JobRecord {
  fileName: string;
  format: ImportFormat | null;
  /** sha256 of the decompressed content; null when the content could not be read to the end. */
  contentHash: string | null;
  sizeBytes: number;
  counts: ImportCounts;
  diagnostics: Diagnostic[];
  startedAt: Date;
}

export interface PreviousImport {
  id: number;
  fileName: string;
  finishedAt: Date | null;
  startedAt: Date;
}

/** The succeeded import of the same content into this snapshot, if any (idempotency). */
export async function findSucceededImport(tx: Tx, snapshotId: string, contentHash: string): Promise<PreviousImport | null> {
  const job = await tx.importJob.findUnique({ where: { snapshotId_contentHash: { snapshotId, contentHash } } });
  return job && job.status === 'succeeded' ? { id: job.id, fileName: job.fileName, finishedAt: job.finishedAt, startedAt: job.startedAt } : null;
}

const columns = (j: JobRecord) => ({
  fileName: j.fileName,
  format: j.format,
  sizeBytes: BigInt(j.sizeBytes),
  counts: toJson(j.counts),
  diagnostics: toJson(j.diagnostics),
  startedAt: j.startedAt,
  finishedAt: new Date(),
});

/** Records a succeeded import inside the import's transaction (replacing an earlier failed attempt of the same content). */
export async function saveSucceededJob(tx: Tx, snapshotId: string, job: JobRecord & { contentHash: string }): Promise<number> {
  const data = { ...columns(job), status: 'succeeded' as const };
  const row = await tx.importJob.upsert({
    where: { snapshotId_contentHash: { snapshotId, contentHash: job.contentHash } },
    create: { snapshotId, contentHash: job.contentHash, ...data },
    update: data,
    select: { id: true },
  });
  return row.id;
}

/**
 * Records a failed import in its own transaction, after the import's transaction rolled back, so
 * the failure is visible while nothing of the content is. Content that was not read to the end has
 * no hash: a unique placeholder keeps the (snapshot, contentHash) key free for a later retry.
 * Never throws (the import's own error is what the user needs to see). A new snapshot that no file was imported
 * into does not exist (lib/db/import/import-target.ts): there is nothing to record the failure in (null).
 */
export async function saveFailedJob(snapshotId: string | null, job: JobRecord): Promise<number | null> {
  if (snapshotId === null) return null;
  try {
    const contentHash = job.contentHash ?? `incomplete:${randomUUID()}`;
    const data = { ...columns(job), status: 'failed' as const };
    return await getPrisma().$transaction(async (tx) => {
      const existing = await tx.importJob.findUnique({ where: { snapshotId_contentHash: { snapshotId, contentHash } } });
      if (existing?.status === 'succeeded') return existing.id; // the same content is already in: keep that record
      const row = await tx.importJob.upsert({
        where: { snapshotId_contentHash: { snapshotId, contentHash } },
        create: { snapshotId, contentHash, ...data },
        update: data,
        select: { id: true },
      });
      return row.id;
    });
  } catch {
    return null;
  }
}
