/**
 * Errors are data: every parser returns its value together with the problems it found,
 * so the user sees all of them at once, each with file and line.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `yaml-syntax`, `unknown-kind`, `invalid-selector`. */
  code: string;
  message: string;
  file?: string;
  /** 1-based line of the offending document or record. */
  line?: number;
  column?: number;
}

export interface Parsed<T> {
  value: T;
  diagnostics: Diagnostic[];
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}: ` : '';
  return `${where}${d.severity}: ${d.message} [${d.code}]`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
