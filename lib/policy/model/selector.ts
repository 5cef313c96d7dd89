import type { Labels } from '../../model/kubernetes';

/**
 * A metav1.LabelSelector. Semantics: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 * All requirements are ANDed; an empty selector `{}` matches everything (an absent one is handled by the caller,
 * because "absent" means different things in different fields).
 */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: { key: string; operator: SelectorOperator; values: string[] }[];
}

export const EVERYTHING: LabelSelector = { matchLabels: {}, matchExpressions: [] };

export function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;
}

export function matchSelector(s: LabelSelector, labels: Labels): boolean {
  for (const k in s.matchLabels) if (labels[k] !== s.matchLabels[k]) return false;
  for (const e of s.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key] as string)) return false;
        break;
      case 'NotIn': // NotIn also matches objects without the key
        if (has && e.values.includes(labels[e.key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a selector as the API server validates it; returns the error sentence for an invalid one. */
export function parseSelector(raw: unknown): { ok: true; selector: LabelSelector; ignored?: string[] } | { ok: false; error: string } {
  if (raw === null || raw === undefined) return { ok: true, selector: EVERYTHING };
  if (!isRecord(raw)) return { ok: false, error: 'selector must be an object' };
  // Fields a LabelSelector does not have are dropped (CRDs prune unknown fields), which can widen the selector:
  // report them so "namespaces: {namespaceSelector: ...}" (an older ANP shape) does not silently select everything.
  const ignored = Object.keys(raw).filter((k) => k !== 'matchLabels' && k !== 'matchExpressions');
  const matchLabels: Labels = {};
  if (raw.matchLabels !== undefined && raw.matchLabels !== null) {
    if (!isRecord(raw.matchLabels)) return { ok: false, error: 'matchLabels must be a map' };
    for (const [k, v] of Object.entries(raw.matchLabels)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return { ok: false, error: `matchLabels.${k} must be a string` };
      matchLabels[k] = String(v);
    }
  }
  const matchExpressions: LabelSelector['matchExpressions'] = [];
  if (raw.matchExpressions !== undefined && raw.matchExpressions !== null) {
    if (!Array.isArray(raw.matchExpressions)) return { ok: false, error: 'matchExpressions must be a list' };
    for (const [i, e] of raw.matchExpressions.entries()) {
      if (!isRecord(e) || typeof e.key !== 'string' || !e.key) return { ok: false, error: `matchExpressions[${i}] needs a key` };
      const op = e.operator;
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0) return { ok: false, error: `matchExpressions[${i}]: operator ${op} needs at least one value` };
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length > 0) return { ok: false, error: `matchExpressions[${i}]: operator ${op} takes no values` };
      } else return { ok: false, error: `matchExpressions[${i}]: unknown operator ${JSON.stringify(op)}` };
      matchExpressions.push({ key: e.key, operator: op, values });
    }
  }
  return { ok: true, selector: { matchLabels, matchExpressions }, ...(ignored.length ? { ignored } : {}) };
}

export function formatSelector(s: LabelSelector): string {
  const parts = [
    ...Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`),
    ...s.matchExpressions.map((e) =>
      e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${e.values.join(',')})`,
    ),
  ];
  return parts.length ? parts.join(',') : '<all>';
}
