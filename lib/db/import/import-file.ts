import { hasErrors, type Diagnostic } from '@/lib/model';
import { importTraffic, type FormatName } from '@/lib/traffic';
import { getPrisma } from '../client';
import { isDbError } from '../errors';
import { getSnapshot } from '../snapshots';
import { LONG_TRANSACTION, type Tx } from '../transaction';
import { openContent, type OpenedContent } from './content';
import { findSucceededImport, saveFailedJob, saveSucceededJob, type JobRecord, type PreviousImport } from './jobs';
import { maxManifestBytes, parseManifestFile, readManifestText } from './manifest-file';
import { mergeInventory } from './merge-inventory';
import { sniffContent, unknownFormatMessage, type Sniffed } from './sniff';
import { loadInventory, replaceInventory } from '../inventory-store';
import { insertUnresolved, lockSnapshot, mergeEdges, upsertPolicies, widenTrafficWindow } from './snapshot-store';
import type { FileImportResult, ImportCounts, ImportFormat, ImportOptions, ImportPhase, ImportUpload } from './types';

const PROGRESS_BYTES = 256 * 1024;

/** A failure decided while the transaction is open: thrown to roll it back, then recorded. */
class ImportFailure extends Error {
  constructor(
    readonly format: ImportFormat | null,
    readonly counts: ImportCounts,
    readonly diagnostics: Diagnostic[],
    readonly contentHash: string | null,
    message: string,
  ) {
    super(message);
  }
}

const emptyCounts = (): ImportCounts => ({ read: 0, imported: 0, skipped: {} });

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error(`the import was cancelled${signal.reason instanceof Error ? `: ${signal.reason.message}` : ''}`);
}

function duplicateResult(fileName: string, format: ImportFormat, counts: ImportCounts, previous: PreviousImport): FileImportResult {
  const when = (previous.finishedAt ?? previous.startedAt).toISOString();
  return {
    jobId: previous.id,
    fileName,
    status: 'duplicate',
    format,
    counts: { ...counts, imported: 0, skipped: { ...counts.skipped, 'already-imported': counts.imported } },
    diagnostics: [],
    message: `already imported on ${when} as ${previous.fileName}: nothing was added`,
  };
}

/**
 * Imports one file into a snapshot: Kubernetes manifests (inventory and policies) or observed traffic in
 * any lib/traffic format, gzip or not, recognised from content. Everything is written in ONE transaction
 * holding the snapshot's row lock: the import is all or nothing, and concurrent imports into the same
 * snapshot run one after the other. Traffic streams through the engine (constant memory) and its edges
 * are added to the snapshot's edges. The same content twice counts once. Problems come back as data
 * (status, diagnostics); only an unknown snapshot throws (`not-found`).
 */
export async function importFile(snapshotId: string, upload: ImportUpload, options: ImportOptions = {}): Promise<FileImportResult> {
  await getSnapshot(snapshotId); // not-found before reading anything
  let opened: OpenedContent;
  try {
    opened = await openContent(upload);
  } catch (e) {
    return failWithoutTransaction(snapshotId, upload, null, null, readError(upload.fileName, e));
  }
  return importOpened(snapshotId, upload, opened, sniffContent(opened.head, options.format), options);
}

export async function importOpened(snapshotId: string, upload: ImportUpload, opened: OpenedContent, sniffed: Sniffed, options: ImportOptions): Promise<FileImportResult> {
  const { fileName } = upload;
  const startedAt = new Date();
  const job = (format: ImportFormat | null, counts: ImportCounts, diagnostics: Diagnostic[], contentHash: string | null): JobRecord => ({
    fileName,
    format,
    contentHash,
    sizeBytes: upload.sizeBytes ?? opened.rawBytes,
    counts,
    diagnostics,
    startedAt,
  });
  let lastReport = 0;
  const report = (phase: ImportPhase, records: number) => options.onProgress?.({ fileName, phase, bytes: opened.rawBytes, totalBytes: upload.sizeBytes ?? null, records });

  if (sniffed.kind === 'empty' || sniffed.kind === 'unknown') {
    await opened.close();
    const d: Diagnostic =
      sniffed.kind === 'empty'
        ? { severity: 'error', code: 'empty-file', message: 'the file is empty: nothing to import', file: fileName }
        : { severity: 'error', code: 'unknown-format', message: unknownFormatMessage(), file: fileName, line: 1 };
    report('done', 0);
    return failWithoutTransaction(snapshotId, upload, null, null, d, job);
  }

  try {
    const result = sniffed.kind === 'manifest' ? await importManifest() : await importTrafficFile(sniffed.format);
    report('done', result.counts.read);
    return result;
  } catch (e) {
    await opened.close();
    if (isDbError(e) && e.code === 'not-found') throw e;
    const format: ImportFormat | null = sniffed.kind === 'manifest' ? 'kubernetes' : sniffed.format;
    const failure =
      e instanceof ImportFailure
        ? e
        : new ImportFailure(format, emptyCounts(), [readError(fileName, e)], null, e instanceof Error ? e.message : String(e));
    const jobId = await saveFailedJob(snapshotId, job(failure.format, failure.counts, failure.diagnostics, failure.contentHash));
    report('done', failure.counts.read);
    return { jobId, fileName, status: 'failed', format: failure.format, counts: failure.counts, diagnostics: failure.diagnostics, message: failure.message };
  }

  async function importManifest(): Promise<FileImportResult> {
    const limit = maxManifestBytes(options.maxManifestBytes);
    const read = await readManifestText(opened.chunks, limit);
    if ('tooLarge' in read) {
      const message = `manifest file larger than ${limit} bytes (raise EASTWEST_MAX_MANIFEST_BYTES to import it)`;
      throw new ImportFailure('kubernetes', emptyCounts(), [{ severity: 'error', code: 'manifest-too-large', message, file: fileName }], null, message);
    }
    const contentHash = opened.hash() ?? '';
    const parsed = parseManifestFile(read.text, fileName);
    report('reading', parsed.counts.read);
    if (parsed.counts.imported === 0) {
      const diagnostics = hasErrors(parsed.diagnostics)
        ? parsed.diagnostics
        : [...parsed.diagnostics, { severity: 'error' as const, code: 'no-objects', message: 'no Kubernetes object in this file', file: fileName }];
      throw new ImportFailure('kubernetes', parsed.counts, diagnostics, contentHash, 'nothing to import');
    }
    return transaction(async (tx) => {
      const previous = await findSucceededImport(tx, snapshotId, contentHash);
      if (previous) return duplicateResult(fileName, 'kubernetes', parsed.counts, previous);
      checkAborted(options.signal);
      report('writing', parsed.counts.read);
      const jobId = await saveSucceededJob(tx, snapshotId, { ...job('kubernetes', parsed.counts, parsed.diagnostics, contentHash), contentHash });
      const inv = parsed.inventory;
      const hasInventory = Object.values(inv).some((list: unknown[]) => list.length > 0);
      if (hasInventory) await replaceInventory(tx, snapshotId, mergeInventory(await loadInventory(tx, snapshotId), inv));
      checkAborted(options.signal);
      const replaced = await upsertPolicies(tx, snapshotId, parsed.policies);
      checkAborted(options.signal);
      const workloads = inv.workloads.length;
      const message = `${parsed.counts.imported} objects: ${workloads} workloads, ${inv.services.length} services, ${parsed.policies.length} policies${replaced ? ` (${replaced} replaced)` : ''}`;
      return { jobId, fileName, status: 'succeeded', format: 'kubernetes', counts: { ...parsed.counts, policiesReplaced: replaced }, diagnostics: parsed.diagnostics, message };
    });
  }

  async function importTrafficFile(format: FormatName): Promise<FileImportResult> {
    return transaction(async (tx) => {
      const inventory = await loadInventory(tx, snapshotId);
      let records = 0;
      const chunks = (async function* () {
        for await (const c of opened.chunks) {
          yield c;
          if (opened.rawBytes - lastReport >= PROGRESS_BYTES) {
            lastReport = opened.rawBytes;
            report('reading', records);
          }
        }
      })();
      const traffic = await importTraffic(chunks, {
        fileName,
        inventory,
        format,
        ...(options.destination !== undefined ? { destination: options.destination } : {}),
        ...(options.envoyFormat !== undefined ? { envoyFormat: options.envoyFormat } : {}),
        ...(options.badRecordThreshold !== undefined ? { badRecordThreshold: options.badRecordThreshold } : {}),
        ...(options.defaultTime !== undefined ? { defaultTime: options.defaultTime } : {}),
        onProgress: (p) => {
          records = p.records;
          report('reading', records);
        },
      });
      const counts: ImportCounts = { read: traffic.counts.read, imported: traffic.counts.imported, skipped: { ...traffic.counts.skipped } as Record<string, number> };
      if (hasErrors(traffic.diagnostics)) {
        const first = traffic.diagnostics.find((d) => d.severity === 'error');
        throw new ImportFailure(format, counts, traffic.diagnostics, opened.hash(), first?.message ?? 'the import failed');
      }
      await opened.drain();
      const contentHash = opened.hash() ?? '';
      const previous = await findSucceededImport(tx, snapshotId, contentHash);
      if (previous) return duplicateResult(fileName, format, counts, previous);
      checkAborted(options.signal);
      report('writing', counts.read);
      const jobId = await saveSucceededJob(tx, snapshotId, { ...job(format, counts, traffic.diagnostics, contentHash), contentHash });
      checkAborted(options.signal);
      const { added, merged } = await mergeEdges(tx, snapshotId, traffic.edges);
      checkAborted(options.signal);
      await insertUnresolved(tx, snapshotId, traffic.unresolved, format, jobId);
      await widenTrafficWindow(tx, snapshotId, traffic.timeWindow);
      checkAborted(options.signal);
      const unresolved = traffic.unresolved.reduce((n, u) => n + u.count, 0);
      const message = `${counts.imported} of ${counts.read} records imported: ${added} new edges, ${merged} merged into existing ones${unresolved ? `, ${unresolved} records with unresolved peers` : ''}`;
      return { jobId, fileName, status: 'succeeded', format, counts: { ...counts, edgesAdded: added, edgesMerged: merged, unresolved }, diagnostics: traffic.diagnostics, message };
    });
  }

  /** One transaction under the snapshot's row lock; throwing inside rolls everything back. */
  function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return getPrisma().$transaction(async (tx) => {
      await lockSnapshot(tx, snapshotId);
      return fn(tx);
    }, LONG_TRANSACTION);
  }
}

function readError(fileName: string, e: unknown): Diagnostic {
  return { severity: 'error', code: 'import-aborted', message: `the import was rolled back: ${e instanceof Error ? e.message : String(e)}`, file: fileName };
}

async function failWithoutTransaction(
  snapshotId: string,
  upload: ImportUpload,
  format: ImportFormat | null,
  contentHash: string | null,
  diagnostic: Diagnostic,
  job?: (format: ImportFormat | null, counts: ImportCounts, diagnostics: Diagnostic[], contentHash: string | null) => JobRecord,
): Promise<FileImportResult> {
  const counts = emptyCounts();
  const record: JobRecord = job?.(format, counts, [diagnostic], contentHash) ?? {
    fileName: upload.fileName,
    format,
    contentHash,
    sizeBytes: upload.sizeBytes ?? 0,
    counts,
    diagnostics: [diagnostic],
    startedAt: new Date(),
  };
  const jobId = await saveFailedJob(snapshotId, record);
  return { jobId, fileName: upload.fileName, status: 'failed', format, counts, diagnostics: [diagnostic], message: diagnostic.message };
}
