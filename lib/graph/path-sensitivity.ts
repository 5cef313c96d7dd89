import type { EndpointName } from '../model/identity';

/**
 * What observed requests say about a service (issue 12): a service that answers `/admin`, `/internal`,
 * payment or user-data operations holds something an attacker wants. gRPC paths are
 * `/<package>.<Service>/<Method>` (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md#requests),
 * so `/hipstershop.PaymentService/Charge` is a payment operation. Shared by the graph (node marks), blast
 * radius (crown jewels) and lib/findings (the sensitivity table).
 */
export type SensitivityCategory = 'admin' | 'internal' | 'payment' | 'user-data' | 'data-store';
export type PathCategory = Exclude<SensitivityCategory, 'data-store'>;

export const PATH_CATEGORIES: readonly { category: PathCategory; pattern: RegExp }[] = [
  { category: 'admin', pattern: /(^|\/)(admin|_admin|actuator|debug|manage(ment)?)(\/|$|\.)/i },
  { category: 'internal', pattern: /(^|\/)(internal|_internal|private)(\/|$)/i },
  { category: 'payment', pattern: /(payment|charge|billing|invoice|card|checkout\/pay)/i },
  { category: 'user-data', pattern: /(^|[/._-])(users?|accounts?|profiles?|customers?|addresses|email|pii|personal)([/._-]|$|service)/i },
];

export interface PathSensitivityReason {
  kind: 'path';
  category: PathCategory;
  /** The observed path (template) that matched. */
  path: string;
}

export function categoriesOfPath(path: string): PathCategory[] {
  return PATH_CATEGORIES.filter((c) => c.pattern.test(path)).map((c) => c.category);
}

/** One observed request path and the service that answered it. */
export interface ObservedPath {
  destination: EndpointName;
  path: string;
}

/**
 * Per destination, one reason per (category, distinct path), in first-seen order. Every observed path counts,
 * denied ones included: a 403 on `/admin` still shows the service serves an admin interface.
 */
export function classifyPathSensitivity(paths: Iterable<ObservedPath>): Map<EndpointName, PathSensitivityReason[]> {
  const out = new Map<EndpointName, PathSensitivityReason[]>();
  const seen = new Set<string>();
  for (const { destination, path } of paths) {
    for (const category of categoriesOfPath(path)) {
      const key = `${destination}\u0000${category}\u0000${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = out.get(destination) ?? [];
      list.push({ kind: 'path', category, path });
      out.set(destination, list);
    }
  }
  return out;
}

/** Sorted distinct categories of a destination's reasons: what the graph node shows. */
export function pathCategoriesOf(reasons: readonly PathSensitivityReason[]): PathCategory[] {
  return [...new Set(reasons.map((r) => r.category))].sort();
}
