import type { ObservedEdge, ObservedRuleRef } from '@/lib/traffic';

/**
 * The TrafficEdge unique key (prisma/schema.prisma): (source, destination, port, protocol, method, path template).
 * The count unit is not part of it: the first unit stored for a key is kept (see mergeEdge).
 */
export const edgeRowKey = (e: ObservedEdge): string => [e.source, e.destination, e.port, e.protocol, e.method ?? '', e.pathTemplate ?? ''].join('\t');

const ruleKey = (r: ObservedRuleRef) => `${r.kind}/${r.namespace ?? ''}/${r.name}#${r.direction ?? ''}`;

function mergeRules(a: ObservedRuleRef[] | undefined, b: ObservedRuleRef[] | undefined): ObservedRuleRef[] | undefined {
  if (!a?.length) return b?.length ? b : undefined;
  if (!b?.length) return a;
  const out = new Map(a.map((r) => [ruleKey(r), r]));
  for (const r of b) if (!out.has(ruleKey(r))) out.set(ruleKey(r), r);
  return [...out.values()];
}

/**
 * Adds edge `b` (from a new import) to edge `a` (already stored, same key): counts, bytes and verdict
 * counts add up, the seen window widens, observers and rule references are united.
 */
export function mergeEdge(a: ObservedEdge, b: ObservedEdge): ObservedEdge {
  const verdicts = { ...a.verdicts };
  for (const [v, n] of Object.entries(b.verdicts)) verdicts[v] = (verdicts[v] ?? 0) + n;
  const merged: ObservedEdge = {
    ...a,
    count: a.count + b.count,
    firstSeen: Date.parse(b.firstSeen) < Date.parse(a.firstSeen) ? b.firstSeen : a.firstSeen,
    lastSeen: Date.parse(b.lastSeen) > Date.parse(a.lastSeen) ? b.lastSeen : a.lastSeen,
    verdicts,
    observedBy: [...new Set([...a.observedBy, ...b.observedBy])].sort(),
  };
  const appProtocol = a.appProtocol ?? b.appProtocol;
  if (appProtocol) merged.appProtocol = appProtocol;
  if (a.bytes !== undefined || b.bytes !== undefined) merged.bytes = (a.bytes ?? 0) + (b.bytes ?? 0);
  const deniedBy = mergeRules(a.deniedBy, b.deniedBy);
  const allowedBy = mergeRules(a.allowedBy, b.allowedBy);
  if (deniedBy) merged.deniedBy = deniedBy;
  else delete merged.deniedBy;
  if (allowedBy) merged.allowedBy = allowedBy;
  else delete merged.allowedBy;
  return merged;
}

/** Folds edges that share a row key (the engine also keys by count unit, the table does not). */
export function foldByRowKey(edges: readonly ObservedEdge[]): Map<string, ObservedEdge> {
  const out = new Map<string, ObservedEdge>();
  for (const e of edges) {
    const k = edgeRowKey(e);
    const prev = out.get(k);
    out.set(k, prev ? mergeEdge(prev, e) : e);
  }
  return out;
}
