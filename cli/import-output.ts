import type { FileImportResult } from '../lib/db';
import { formatDiagnostic } from '../lib/model/diagnostics';
import { FORMAT_NAMES } from '../lib/traffic/node';
import { diagnosticHints } from './diagnostic-hints';

/**
 * What to do about a failed file, or about records rejected for want of a destination, in the CLI's own terms
 * (its flags). The importer's messages suit every surface; the import page says the same with its own controls
 * (components/import/result-view.ts).
 */
export function importHint(r: FileImportResult): string | null {
  const [flagHint] = diagnosticHints(r.diagnostics);
  if (flagHint) return flagHint;
  if (r.status !== 'failed') return null;
  const codes = new Set(r.diagnostics.map((d) => d.code));
  if (codes.has('unknown-format')) return `if it is a traffic log, name its format with --format (${FORMAT_NAMES.join(', ')}); Envoy/Istio logs in a custom format need --envoy-format`;
  if (codes.has('no-valid-records') && (r.format === 'envoy-text' || r.format === 'envoy-json')) return 'an Envoy/Istio log in a custom format is read with that format: --envoy-format';
  if (codes.has('no-valid-records')) return 'if detection picked the wrong format, name the right one with --format';
  return null;
}

/** `succeeded`, `succeeded, 2 rejected` (some records or objects could not be imported), `duplicate`, `failed`. */
const statusWord = (r: FileImportResult) => (r.status === 'succeeded' && r.counts.rejected > 0 ? `succeeded, ${r.counts.rejected} rejected` : r.status);

/** `file: status (format), read n, imported n, skipped: reason n, ...` then its message, diagnostics and a hint. */
export function renderImportResult(r: FileImportResult, verbose: boolean): string {
  const skipped = Object.entries(r.counts.skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const counts = `read ${r.counts.read}, imported ${r.counts.imported}${skipped ? `, skipped: ${skipped}` : ''}`;
  const lines = [`${r.fileName}: ${statusWord(r)}${r.format ? ` (${r.format})` : ''}, ${counts}`];
  if (r.message && !r.diagnostics.some((d) => d.message === r.message)) lines.push(`  ${r.message}`);
  for (const d of r.diagnostics) if (d.severity !== 'info' || verbose) lines.push(`  ${formatDiagnostic({ ...d, file: d.file ?? r.fileName })}`);
  const hint = importHint(r);
  if (hint) lines.push(`  hint: ${hint}`);
  return lines.join('\n');
}

/** The last line: how many files went in, partly, not at all. */
export function renderImportSummary(snapshotName: string, results: readonly FileImportResult[], snapshotExists: boolean): string {
  const count = (s: FileImportResult['status']) => results.filter((r) => r.status === s).length;
  const partly = results.filter((r) => r.status === 'succeeded' && r.counts.rejected > 0).length;
  const line = `snapshot "${snapshotName}": ${count('succeeded')} imported${partly ? ` (${partly} with rejected records)` : ''}, ${count('duplicate')} already imported, ${count('failed')} failed`;
  return snapshotExists ? line : `${line}; nothing was imported, so the snapshot was not created`;
}
