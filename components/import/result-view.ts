import { MISSING_DESTINATION } from '@/lib/traffic/formats/types';
import type { ImportResult } from './import-result';

/** How the page shows a file's outcome: a file with rejected records or objects is not a clean success. */
export type ResultState = 'succeeded' | 'partial' | 'duplicate' | 'failed';

export function resultState(result: ImportResult): ResultState {
  if (result.status === 'succeeded' && (result.counts.rejected ?? 0) > 0) return 'partial';
  return result.status;
}

/** The result's one-line summary, unless one of its diagnostics says the same: each thing is said once. */
export function resultSummary(result: ImportResult): string | undefined {
  const { message } = result;
  return message && !result.diagnostics.some((d) => d.message === message) ? message : undefined;
}

const isEnvoy = (format: string | null | undefined) => format === 'envoy-text' || format === 'envoy-json';
const customFormatHint = 'If it is an Envoy or Istio access log in your own format, paste that format under “Custom Envoy / Istio log format” and import the file again.';

/**
 * What to do about a failed file, or about records rejected for want of a destination, with this page's own
 * controls. The importer's messages suit every surface; the CLI names its flags instead (cli/import-output.ts),
 * and the page has no format picker: formats are detected, and only a custom Envoy format or the server of
 * server-side logs can be given.
 */
export function resultHint(result: ImportResult): string | undefined {
  const codes = new Set(result.diagnostics.map((d) => d.code));
  if (codes.has(MISSING_DESTINATION)) {
    return `These logs do not name the server that wrote them: give it under “Server-side logs” (namespace/name[:port])${result.status === 'failed' ? ' and import the file again' : ''}.`;
  }
  if (result.status !== 'failed') return undefined;
  if (codes.has('unknown-format')) return customFormatHint;
  if (codes.has('no-valid-records') && isEnvoy(result.format)) return customFormatHint;
  return undefined;
}
