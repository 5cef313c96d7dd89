import { z } from 'zod';
import { readEnvoyLogFormat } from '@/lib/traffic';

/**
 * Longest `?envoyFormat=` accepted: a format string or a MeshConfig excerpt, well under the 16 KiB Node allows for
 * the request line and headers together (percent-encoding can triple it).
 */
export const MAX_ENVOY_FORMAT_LENGTH = 4096;

/**
 * `?envoyFormat=` of the import API, as `eastwest import --envoy-format` takes it (a format string, a JSON format
 * dictionary, or Istio/Envoy configuration holding one), compiled; a format that cannot be read is a 400.
 */
export const envoyFormatParamSchema = z
  .string()
  .max(MAX_ENVOY_FORMAT_LENGTH, `longer than ${MAX_ENVOY_FORMAT_LENGTH} characters: paste the format itself, not the whole configuration`)
  .transform((text, ctx) => {
    const r = readEnvoyLogFormat(text, 'envoyFormat');
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !r.value) {
      // The issue's path already names the parameter: say where in the format, and why.
      for (const d of errors) ctx.addIssue({ code: 'custom', message: d.line ? `line ${d.line}${d.column ? `, column ${d.column}` : ''}: ${d.message}` : d.message });
      return z.NEVER;
    }
    return r.value;
  });
