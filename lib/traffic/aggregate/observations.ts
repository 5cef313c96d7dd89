import type { CountUnit, EdgeObservation, ObservedEdge } from '../model';

/**
 * One connection can reach Eastwest several times: Hubble sees it as a connection, both Istio sidecars log its
 * requests, an exported edge list repeats it. Each observer's figures are kept apart (per observer and count
 * unit) and the edge's headline figures are combined from them here, so the same traffic counts once:
 *
 * - same observer, same unit: different files of one format are different traffic, their figures add;
 * - different observers: the same traffic seen twice, so the headline takes the best unit present
 *   (requests > connections > connection_attempts > flows) and the largest count in it, the largest count per
 *   verdict and the largest byte count; the window is the union and `observedBy` lists every name.
 *
 * Units are never added together: 10 requests and 3 connections are not 13 of anything.
 */

/** Best unit first: the finest-grained figure an observer could give. */
export const COUNT_UNIT_ORDER: readonly CountUnit[] = ['requests', 'connections', 'connection_attempts', 'flows'];

const unitRank = (u: CountUnit): number => {
  const i = COUNT_UNIT_ORDER.indexOf(u);
  return i < 0 ? COUNT_UNIT_ORDER.length : i;
};

const observationKey = (o: Pick<EdgeObservation, 'observer' | 'countUnit'>): string => `${o.observer}\t${o.countUnit}`;

const earlier = (a: string, b: string): string => (Date.parse(b) < Date.parse(a) ? b : a);
const later = (a: string, b: string): string => (Date.parse(b) > Date.parse(a) ? b : a);

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();

function copyObservation(o: EdgeObservation): EdgeObservation {
  const c: EdgeObservation = { ...o, verdicts: { ...o.verdicts }, observedBy: [...o.observedBy].sort() };
  if (o.bytes === undefined) delete c.bytes;
  return c;
}

/** Adds `b` (same observer and unit) into `a`, in place: counts, bytes and verdicts add, the window widens. */
function addInto(a: EdgeObservation, b: EdgeObservation): void {
  a.count += b.count;
  if (b.bytes !== undefined) a.bytes = (a.bytes ?? 0) + b.bytes;
  for (const [v, n] of Object.entries(b.verdicts)) a.verdicts[v] = (a.verdicts[v] ?? 0) + n;
  a.firstSeen = earlier(a.firstSeen, b.firstSeen);
  a.lastSeen = later(a.lastSeen, b.lastSeen);
  a.observedBy = union(a.observedBy, b.observedBy);
}

const compareObservations = (a: EdgeObservation, b: EdgeObservation): number => a.observer.localeCompare(b.observer) || unitRank(a.countUnit) - unitRank(b.countUnit);

/**
 * Folds observations: those of the same observer and unit add up (they are different traffic), the others are
 * kept side by side. Pure; the result is sorted by observer, then unit.
 */
export function mergeObservations(...lists: readonly (readonly EdgeObservation[])[]): EdgeObservation[] {
  const out = new Map<string, EdgeObservation>();
  for (const list of lists) {
    for (const o of list) {
      const k = observationKey(o);
      const prev = out.get(k);
      if (prev) addInto(prev, o);
      else out.set(k, copyObservation(o));
    }
  }
  return [...out.values()].sort(compareObservations);
}

/**
 * The observations an edge stands for. An edge without them (built by hand, or stored before they were kept)
 * is one observation of its headline figures by its first observer.
 */
export function edgeObservations(e: ObservedEdge): EdgeObservation[] {
  if (e.observations?.length) return e.observations;
  const o: EdgeObservation = {
    observer: e.observedBy[0] ?? 'unknown',
    countUnit: e.countUnit,
    count: e.count,
    firstSeen: e.firstSeen,
    lastSeen: e.lastSeen,
    verdicts: { ...e.verdicts },
    observedBy: [...e.observedBy],
  };
  if (e.bytes !== undefined) o.bytes = e.bytes;
  return [o];
}

/** The headline figures of an edge, combined from its observations. */
export type CombinedFigures = Pick<ObservedEdge, 'count' | 'countUnit' | 'bytes' | 'firstSeen' | 'lastSeen' | 'verdicts' | 'observedBy'>;

/**
 * Combines observations of the same traffic (see the top of this file). Callers fold same-observer figures
 * first (`mergeObservations`); `observations` must not be empty.
 */
export function combineObservations(observations: readonly EdgeObservation[]): CombinedFigures {
  const [first, ...rest] = observations;
  if (!first) throw new Error('combineObservations: no observations');
  // An observation with nothing counted (a record that only named a rule) does not choose the unit.
  const counted = observations.filter((o) => o.count > 0);
  const unit = (counted.length ? counted : observations).reduce((best, o) => (unitRank(o.countUnit) < unitRank(best) ? o.countUnit : best), first.countUnit);
  const out: CombinedFigures = { count: 0, countUnit: unit, firstSeen: first.firstSeen, lastSeen: first.lastSeen, verdicts: {}, observedBy: [] };
  let bytes: number | undefined;
  for (const o of [first, ...rest]) {
    if (o.countUnit === unit && o.count > out.count) out.count = o.count;
    for (const [v, n] of Object.entries(o.verdicts)) if (n > (out.verdicts[v] ?? -1)) out.verdicts[v] = n;
    if (o.bytes !== undefined && (bytes === undefined || o.bytes > bytes)) bytes = o.bytes;
    out.firstSeen = earlier(out.firstSeen, o.firstSeen);
    out.lastSeen = later(out.lastSeen, o.lastSeen);
    out.observedBy = union(out.observedBy, o.observedBy);
  }
  if (bytes !== undefined) out.bytes = bytes;
  return out;
}

/** `edge` with the given observations and the headline figures combined from them. */
export function withObservations(edge: ObservedEdge, observations: EdgeObservation[]): ObservedEdge {
  const figures = combineObservations(observations);
  const out: ObservedEdge = { ...edge, ...figures, observations };
  if (figures.bytes === undefined) delete out.bytes;
  return out;
}
