import { edgeObservations, mergeObservations, withObservations, type ObservedEdge, type ObservedRuleRef } from '@/lib/traffic';

/**
 * The TrafficEdge unique key (prisma/schema.prisma): (source, destination, port, protocol, method, path template),
 * the engine's aggregation key too. Count units live in the edge's observations.
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
 * Merges edge `b` (from a new import) into edge `a` (already stored, same key) the way the engine aggregates
 * (lib/traffic/aggregate/observations.ts): figures of the same observer and unit add up (another file of the same
 * format is other traffic), another observer's figures are the same traffic and combine by maximum. Observers
 * and rule references are united.
 */
export function mergeEdge(a: ObservedEdge, b: ObservedEdge): ObservedEdge {
  const merged = withObservations(a, mergeObservations(edgeObservations(a), edgeObservations(b)));
  const appProtocol = a.appProtocol ?? b.appProtocol;
  if (appProtocol) merged.appProtocol = appProtocol;
  const deniedBy = mergeRules(a.deniedBy, b.deniedBy);
  const allowedBy = mergeRules(a.allowedBy, b.allowedBy);
  if (deniedBy) merged.deniedBy = deniedBy;
  else delete merged.deniedBy;
  if (allowedBy) merged.allowedBy = allowedBy;
  else delete merged.allowedBy;
  return merged;
}

/** Folds edges that share a row key (one engine result has none twice; edges from several sources may). */
export function foldByRowKey(edges: readonly ObservedEdge[]): Map<string, ObservedEdge> {
  const out = new Map<string, ObservedEdge>();
  for (const e of edges) {
    const k = edgeRowKey(e);
    const prev = out.get(k);
    out.set(k, prev ? mergeEdge(prev, e) : e);
  }
  return out;
}
