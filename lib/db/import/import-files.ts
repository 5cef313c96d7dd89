import { refreshGraphClassification } from '../graph-classification';
import { getSnapshot, type SnapshotInfo } from '../snapshots';
import { openContent, type OpenedContent } from './content';
import { importFileInto, importOpened } from './import-file';
import { assertSnapshotNameFree, ImportTarget, type NewSnapshotSpec } from './import-target';
import { sniffContent, type Sniffed } from './sniff';
import type { FileImportResult, ImportOptions, ImportUpload } from './types';

interface Sniffing {
  index: number;
  upload: ImportUpload;
  sniffed: Sniffed;
  /** Kept open for one-shot streams; lazily opened uploads are reopened when their turn comes. */
  opened: OpenedContent | null;
}

/**
 * Imports several files into one snapshot, each in its own transaction (one ImportJob each), manifests
 * first so that traffic resolves against the inventory they bring. Results come back in the order of
 * `uploads`. A file that cannot be opened fails alone.
 */
export async function importFiles(snapshotId: string, uploads: readonly ImportUpload[], options: ImportOptions = {}): Promise<FileImportResult[]> {
  await getSnapshot(snapshotId);
  return importAll(ImportTarget.existing(snapshotId), uploads, options);
}

export interface NewSnapshotImport {
  /** The snapshot, created with the first file that imported; null when none did (nothing was created). */
  snapshot: SnapshotInfo | null;
  /** Whether this import created it (with `ifExists: 'use'`, a snapshot made meanwhile by another import is used). */
  created: boolean;
  results: FileImportResult[];
}

/**
 * `importFiles` into a snapshot that does not exist yet: it is created in the transaction of the first file that
 * imports, so creating it and importing into it are one unit. When every file fails, no snapshot remains (and no
 * ImportJob records the failures: there is no snapshot to hold them; the results carry everything).
 * A name already taken in the cluster is a `conflict` before any file is read (unless `ifExists: 'use'`).
 */
export async function importIntoNewSnapshot(spec: NewSnapshotSpec, uploads: readonly ImportUpload[], options: ImportOptions = {}): Promise<NewSnapshotImport> {
  if ((spec.ifExists ?? 'fail') === 'fail') await assertSnapshotNameFree(spec);
  const target = ImportTarget.create(spec);
  const results = await importAll(target, uploads, options);
  const snapshot = target.snapshotId === null ? null : await getSnapshot(target.snapshotId);
  return { snapshot, created: target.created, results };
}

async function importAll(target: ImportTarget, uploads: readonly ImportUpload[], options: ImportOptions): Promise<FileImportResult[]> {
  const sniffings: Sniffing[] = [];
  const results: (FileImportResult | undefined)[] = new Array(uploads.length);
  for (const [index, upload] of uploads.entries()) {
    let opened: OpenedContent;
    try {
      opened = await openContent(upload);
    } catch {
      results[index] = await importFileInto(target, upload, options); // reports the read error the usual way
      continue;
    }
    const sniffed = sniffContent(opened.head, options.format);
    const lazy = typeof upload.content === 'function';
    if (lazy) await opened.close();
    sniffings.push({ index, upload, sniffed, opened: lazy ? null : opened });
  }
  const rank = (s: Sniffing) => (s.sniffed.kind === 'manifest' ? 0 : 1);
  sniffings.sort((a, b) => rank(a) - rank(b) || a.index - b.index);
  for (const s of sniffings) {
    results[s.index] = s.opened ? await importOpened(target, s.upload, s.opened, s.sniffed, options) : await importFileInto(target, s.upload, options);
  }
  const done = results.map((r) => r!);
  if (options.classify !== false && target.snapshotId !== null && done.some((r) => r.status === 'succeeded')) {
    try {
      await refreshGraphClassification(target.snapshotId);
    } catch (e) {
      // The files are in; only the stored graph is missing, and the graph API classifies on its next request.
      // Say so on the last imported file rather than fail an import that committed.
      const last = done.findLast((r) => r.status === 'succeeded')!;
      last.diagnostics.push({
        severity: 'warning',
        code: 'graph-not-classified',
        message: `the graph could not be classified after the import (${e instanceof Error ? e.message : String(e)}); the graph page will classify it when opened`,
      });
    }
  }
  return done;
}
