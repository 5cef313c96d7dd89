import { hasErrors, type Diagnostic } from '@/lib/model';
import { BAD_RECORD_REASONS, importTraffic, type FormatName, type SkipReason } from '@/lib/traffic';
import { getPrisma } from '../client';
import { isDbError } from '../errors';
import { getSnapshot } from '../snapshots';
import { LONG_TRANSACTION, type Tx } from '../transaction';
import { openContent, type OpenedContent } from './content';
import { findSucceededImport, saveFailedJob, saveSucceededJob, type JobRecord, type PreviousImport } from './jobs';
import { maxManifestBytes, parseManifestFile, readManifestText } from './manifest-file';
import { mergeInventory } from './merge-inventory';
import { unreadableContent, sniffContent, type Sniffed } from './sniff';
import { loadInventory, replaceInventory } from '../inventory-store';
import { ImportTarget } from './import-target';
import { insertUnresolved, mergeEdges, upsertPolicies, widenTrafficWindow } from './snapshot-store';
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

const emptyCounts = (): ImportCounts => ({ read: 0, imported: 0, skipped: {}, rejected: 0 });

/** A failed file stored nothing, whatever its records or objects would have given. */
const failedCounts = (counts: ImportCounts): ImportCounts => ({ ...counts, imported: 0 });

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
 * are added to the snapshot's edges. The same content twice counts once. A file with an error fails whole:
 * a YAML or JSON syntax error in one document, a policy the engine would ignore (`findInvalidPolicies`),
 * a traffic file none of whose records could be read. Bad records of a log that has good ones are skipped
 * one by one, each with a diagnostic, and counted as `rejected` (lib/traffic; `badRecordThreshold` fails the
 * file instead). Problems come back as data (status, diagnostics); only an unknown snapshot throws (`not-found`).
 */
export async function importFile(snapshotId: string, upload: ImportUpload, options: ImportOptions = {}): Promise<FileImportResult> {
  await getSnapshot(snapshotId); // not-found before reading anything
  return importFileInto(ImportTarget.existing(snapshotId), upload, options);
}

/** `importFile` into a target that may be a snapshot still to create (import-files.ts). */
export async function importFileInto(target: ImportTarget, upload: ImportUpload, options: ImportOptions): Promise<FileImportResult> {
  let opened: OpenedContent;
  try {
    opened = await openContent(upload);
  } catch (e) {
    return failWithoutTransaction(target, upload, null, null, readError(upload.fileName, e));
  }
  return importOpened(target, upload, opened, sniffContent(opened.head, options.format), options);
}

export async function importOpened(target: ImportTarget, upload: ImportUpload, opened: OpenedContent, sniffed: Sniffed, options: ImportOptions): Promise<FileImportResult> {
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

  if (sniffed.kind === 'empty' || sniffed.kind === 'unknown' || sniffed.kind === 'binary') {
    await opened.close();
    report('done', 0);
    return failWithoutTransaction(target, upload, null, null, unreadableContent(sniffed.kind, fileName), job);
  }

  try {
    const result = sniffed.kind === 'manifest' ? await importManifest() : await importTrafficFile(sniffed.format);
    report('done', result.counts.read);
    return result;
  } catch (e) {
    await opened.close();
    // An unknown snapshot, or a new one whose name was taken meanwhile: the request's problem, not the file's.
    if (isDbError(e) && (e.code === 'not-found' || e.code === 'conflict')) throw e;
    const format: ImportFormat | null = sniffed.kind === 'manifest' ? 'kubernetes' : sniffed.format;
    const failure =
      e instanceof ImportFailure
        ? e
        : new ImportFailure(format, emptyCounts(), [readError(fileName, e)], null, e instanceof Error ? e.message : String(e));
    const counts = failedCounts(failure.counts);
    const jobId = await saveFailedJob(target.snapshotId, job(failure.format, counts, failure.diagnostics, failure.contentHash));
    report('done', failure.counts.read);
    return { jobId, fileName, status: 'failed', format: failure.format, counts, diagnostics: failure.diagnostics, message: failure.message };
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
    // One broken document or invalid policy fails the file: storing the rest would hide that part of what the
    // user gave is missing (a policy not stored is a connection shown as allowed).
    if (hasErrors(parsed.diagnostics)) {
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
      throw new ImportFailure('kubernetes', parsed.counts, parsed.diagnostics, contentHash, `nothing imported: ${errors === 1 ? 'an error' : `${errors} errors`} in this file (listed below); correct ${errors === 1 ? 'it' : 'them'} and import the file again`);
    }
    if (parsed.counts.imported === 0) {
      const diagnostics = [...parsed.diagnostics, { severity: 'error' as const, code: 'no-objects', message: 'no Kubernetes object in this file', file: fileName }];
      throw new ImportFailure('kubernetes', parsed.counts, diagnostics, contentHash, 'nothing to import');
    }
    return transaction(async (tx, snapshotId) => {
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
      const rejected = parsed.counts.rejected ? `; ${parsed.counts.rejected} not imported (listed below)` : '';
      const message = `${parsed.counts.imported} objects: ${workloads} workloads, ${inv.services.length} services, ${parsed.policies.length} policies${replaced ? ` (${replaced} replaced)` : ''}${rejected}`;
      return { jobId, fileName, status: 'succeeded', format: 'kubernetes', counts: { ...parsed.counts, policiesReplaced: replaced }, diagnostics: parsed.diagnostics, message };
    });
  }

  async function importTrafficFile(format: FormatName): Promise<FileImportResult> {
    return transaction(async (tx, snapshotId) => {
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
      const skipped = traffic.counts.skipped as Record<SkipReason, number>;
      const rejected = [...BAD_RECORD_REASONS].reduce((n, reason) => n + (skipped[reason] ?? 0), 0);
      const counts: ImportCounts = { read: traffic.counts.read, imported: traffic.counts.imported, skipped: { ...skipped }, rejected };
      if (hasErrors(traffic.diagnostics)) {
        const first = traffic.diagnostics.find((d) => d.severity === 'error');
        throw new ImportFailure(format, counts, traffic.diagnostics, opened.hash(), first?.message ?? 'the import failed');
      }
      if (rejected > 0 && counts.imported === 0) {
        // Not one record fits: a log in another format or layout, not a log with a few bad lines. Failing it also
        // keeps its content free to import again once read right (a succeeded import would make it a duplicate).
        const message = `no record could be read: all ${rejected} records were rejected (the first ones are listed)`;
        throw new ImportFailure(format, counts, [{ severity: 'error', code: 'no-valid-records', message, file: fileName }, ...traffic.diagnostics], opened.hash(), message);
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
      const message = `${counts.imported} of ${counts.read} records imported${rejected ? `, ${rejected} rejected (listed below)` : ''}: ${added} new edges, ${merged} merged into existing ones${unresolved ? `, ${unresolved} records with unresolved peers` : ''}`;
      return { jobId, fileName, status: 'succeeded', format, counts: { ...counts, edgesAdded: added, edgesMerged: merged, unresolved }, diagnostics: traffic.diagnostics, message };
    });
  }

  /**
   * One transaction under the snapshot's row lock (a new snapshot is created in it); throwing inside rolls
   * everything back, the new snapshot included.
   */
  async function transaction<T>(fn: (tx: Tx, snapshotId: string) => Promise<T>): Promise<T> {
    const result = await getPrisma().$transaction(async (tx) => fn(tx, await target.enter(tx)), LONG_TRANSACTION);
    target.committed();
    return result;
  }
}

function readError(fileName: string, e: unknown): Diagnostic {
  return { severity: 'error', code: 'import-aborted', message: `the import was rolled back: ${e instanceof Error ? e.message : String(e)}`, file: fileName };
}

async function failWithoutTransaction(
  target: ImportTarget,
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
  const jobId = await saveFailedJob(target.snapshotId, record);
  return { jobId, fileName: upload.fileName, status: 'failed', format, counts, diagnostics: [diagnostic], message: diagnostic.message };
}
