import type { Diagnostic } from '../lib/model/diagnostics';
import { FORMAT_NAMES, MISSING_DESTINATION } from '../lib/traffic/node';

/**
 * What to do about the diagnostics whose remedy is one of the CLI's flags, once each. The engine's messages name
 * no surface's controls; the import page says the same with its own fields (components/import/result-view.ts).
 */
export function diagnosticHints(diagnostics: readonly Pick<Diagnostic, 'code'>[]): string[] {
  const codes = new Set(diagnostics.map((d) => d.code));
  const hints: string[] = [];
  if (codes.has(MISSING_DESTINATION)) hints.push('NGINX and application logs do not name the server that wrote them: give it with --destination ns/name[:port]');
  if (codes.has('unknown-traffic-format')) hints.push(`if detection fails, name the format with --format (${FORMAT_NAMES.join(', ')}); Envoy/Istio logs in a custom format need --envoy-format`);
  return hints;
}
