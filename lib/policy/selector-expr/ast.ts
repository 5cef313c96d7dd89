import type { Labels } from '../../model/kubernetes';

/** Parsed Calico selector expression (mirrors the node types of `libcalico-go/lib/selector/parser/ast.go`). */
export type SelectorExpr =
  | { kind: 'all' }
  | { kind: 'global' }
  | { kind: 'has'; label: string }
  | { kind: 'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith'; label: string; value: string }
  | { kind: 'in' | 'notIn'; label: string; values: string[] }
  | { kind: 'not'; expr: SelectorExpr }
  | { kind: 'and' | 'or'; exprs: SelectorExpr[] };

/**
 * Evaluates a selector against one label set. Note the Calico semantics (ast.go): `k != 'v'` and
 * `k not in {...}` are TRUE when the label is absent; `global()` evaluates to true on its own - it only
 * narrows a `namespaceSelector` to non-namespaced resources, which the caller handles.
 */
export function evaluateSelector(e: SelectorExpr, labels: Labels): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  switch (e.kind) {
    case 'all':
    case 'global':
      return true;
    case 'has':
      return has(e.label);
    case 'eq':
      return has(e.label) && labels[e.label] === e.value;
    case 'ne':
      return !has(e.label) || labels[e.label] !== e.value;
    case 'contains':
      return has(e.label) && labels[e.label]!.includes(e.value);
    case 'startsWith':
      return has(e.label) && labels[e.label]!.startsWith(e.value);
    case 'endsWith':
      return has(e.label) && labels[e.label]!.endsWith(e.value);
    case 'in':
      return has(e.label) && e.values.includes(labels[e.label]!);
    case 'notIn':
      return !has(e.label) || !e.values.includes(labels[e.label]!);
    case 'not':
      return !evaluateSelector(e.expr, labels);
    case 'and':
      return e.exprs.every((x) => evaluateSelector(x, labels));
    case 'or':
      return e.exprs.some((x) => evaluateSelector(x, labels));
  }
}

/** True when the expression mentions `global()` anywhere (Calico: namespaceSelector `global()` = non-namespaced resources). */
export function mentionsGlobal(e: SelectorExpr): boolean {
  switch (e.kind) {
    case 'global':
      return true;
    case 'not':
      return mentionsGlobal(e.expr);
    case 'and':
    case 'or':
      return e.exprs.some(mentionsGlobal);
    default:
      return false;
  }
}

export function formatSelectorExpr(e: SelectorExpr): string {
  const q = (v: string) => `'${v}'`;
  switch (e.kind) {
    case 'all':
      return 'all()';
    case 'global':
      return 'global()';
    case 'has':
      return `has(${e.label})`;
    case 'eq':
      return `${e.label} == ${q(e.value)}`;
    case 'ne':
      return `${e.label} != ${q(e.value)}`;
    case 'contains':
      return `${e.label} contains ${q(e.value)}`;
    case 'startsWith':
      return `${e.label} starts with ${q(e.value)}`;
    case 'endsWith':
      return `${e.label} ends with ${q(e.value)}`;
    case 'in':
      return `${e.label} in {${e.values.map(q).join(', ')}}`;
    case 'notIn':
      return `${e.label} not in {${e.values.map(q).join(', ')}}`;
    case 'not':
      return `!(${formatSelectorExpr(e.expr)})`;
    case 'and':
      return e.exprs.map((x) => (x.kind === 'or' ? `(${formatSelectorExpr(x)})` : formatSelectorExpr(x))).join(' && ');
    case 'or':
      return e.exprs.map(formatSelectorExpr).join(' || ');
  }
}
