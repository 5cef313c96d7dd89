/**
 * Errors are data: every parser returns its value together with the problems it found,
 * so the user sees all of them at once, each with file and line.
 */
import type { RuleRef } from './verdict';

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
  /** For `dangling-*` warnings: the part of a rule that matches nothing, as data (the graph lists it with the unused rules). */
  dangling?: DanglingPart;
}

/**
 * A part of a policy rule that names what the inventory does not have (a principal or an identity of no
 * ServiceAccount, answer key A2): it admits nobody today and would admit whoever is created with that name.
 */
export interface DanglingPart {
  /** The rule as the layer names it in verdicts (`AuthorizationPolicy/boutique/paymentservice#rules[0]`), so usage joins on it. */
  rule: RuleRef;
  /**
   * The smallest piece to remove: a value (`...#rules[0].from[0].source.principals[1]`), an entry whose only value it
   * is (`...#rules[0].from[1]`, removing just the value would admit every source), an identity of the
   * MeshTLSAuthentication the rule requires, or the rule itself when nothing else of it can match.
   */
  part: RuleRef;
  /** True when the rest of the rule still matches something: only the part is dead, the rule stays. */
  partial: boolean;
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
