import { refreshGraphClassification } from '../graph-classification';
import { getSnapshot } from '../snapshots';
import { openContent, type OpenedContent } from './content';
import { importFile, importOpened } from './import-file';
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
  const sniffings: Sniffing[] = [];
  const results: (FileImportResult | undefined)[] = new Array(uploads.length);
  for (const [index, upload] of uploads.entries()) {
    let opened: OpenedContent;
    try {
      opened = await openContent(upload);
    } catch {
      results[index] = await importFile(snapshotId, upload, options); // reports the read error the usual way
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
    results[s.index] = s.opened ? await importOpened(snapshotId, s.upload, s.opened, s.sniffed, options) : await importFile(snapshotId, s.upload, options);
  }
  const done = results.map((r) => r!);
  if (options.classify !== false && done.some((r) => r.status === 'succeeded')) {
    try {
      await refreshGraphClassification(snapshotId);
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
