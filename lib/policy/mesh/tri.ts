/**
 * Three-valued (Kleene) logic. A connection query without an HTTP request leaves L7 attributes
 * (method, path, headers, JWT) unknown; a rule over them then matches "for some requests only",
 * which the layers report as the outcome `conditional`.
 */
export type Tri = true | false | 'unknown';

export const UNKNOWN = 'unknown' as const;

export function triAnd(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === false) return false;
    if (v === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : true;
}

export function triOr(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === true) return true;
    if (v === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : false;
}

export function triNot(v: Tri): Tri {
  return v === UNKNOWN ? UNKNOWN : !v;
}
