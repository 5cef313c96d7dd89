/** Small readers for the plain JSON of a manifest body: policy specs are untyped until normalised. */
export type Json = Record<string, unknown>;

export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const asRecord = (v: unknown): Json => (isRecord(v) ? v : {});

export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A list of strings; numbers are kept as their decimal text (YAML `ports: [8080]`). */
export function asStringList(v: unknown): string[] {
  return asArray(v).flatMap((x) => (typeof x === 'string' ? [x] : typeof x === 'number' ? [String(x)] : []));
}

export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export function asStringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(asRecord(v))) if (typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  return out;
}
