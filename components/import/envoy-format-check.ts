import type { Diagnostic } from '@/lib/model/diagnostics';
// The engine's own reader (pure, no Node APIs), so the page says what the import API would refuse before uploading.
import { readEnvoyLogFormat } from '@/lib/traffic/formats/envoy-format-source';

export interface EnvoyFormatCheck {
  /** The format cannot be used: the import API would refuse every file sent with it. */
  errors: Diagnostic[];
  /** Usable, with remarks: operators ignored, entries that cannot be imported, or no custom format needed at all. */
  notes: Diagnostic[];
}

/** What the import API's `?envoyFormat=` check (lib/server/envoy-format-param.ts) says about the pasted text. */
export function checkEnvoyFormat(text: string): EnvoyFormatCheck {
  if (!text.trim()) return { errors: [], notes: [] };
  const { value, diagnostics } = readEnvoyLogFormat(text, 'envoyFormat');
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!value && errors.length === 0) errors.push({ severity: 'error', code: 'envoy-format-invalid', message: 'no Envoy access log format found', file: 'envoyFormat', line: 1 });
  return { errors, notes: diagnostics.filter((d) => d.severity !== 'error') };
}
