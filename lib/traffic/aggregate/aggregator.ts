import type { EndpointName } from '../../model/identity';
import type { Protocol } from '../../model/kubernetes';
import type { EdgeObservation, ObservedEdge, ObservedRuleRef, TrafficRecord, UnresolvedRecord, UnresolvedReason } from '../model';
import { formatRuleRefs } from '../formats/edge-row';
import { mergeObservations, withObservations } from './observations';
import { pathTemplate } from './path-template';

const MAX_UNRESOLVED_ENTRIES = 1000;
const MAX_LINES_PER_UNRESOLVED = 10;

interface EdgeAcc {
  /** Route fields, app protocol and rule references; the figures come from `observations` in result(). */
  edge: ObservedEdge;
  /** Per `observer\tcountUnit`. */
  observations: Map<string, EdgeObservation>;
  rules: Set<string>;
}

/**
 * Folds resolved records into edges keyed by (source, destination, port, protocol, method, path template).
 * Within an edge, figures are kept per (observer, count unit) and combined once at the end
 * (aggregate/observations.ts): records of one observer add up, several observers of the same traffic count once,
 * and requests are never added to connections.
 */
export class EdgeAggregator {
  private readonly edges = new Map<string, EdgeAcc>();
  private readonly unresolved = new Map<string, UnresolvedRecord>();
  private unresolvedOverflow = 0;
  private start: string | undefined;
  private end: string | undefined;

  /** `observer` is the input format the record came from (`hubble`, `envoy-json`, `edges-csv`, ...). */
  add(r: TrafficRecord, source: EndpointName, destination: EndpointName, port: number, protocol: Protocol, observer: string): void {
    const template = r.path !== undefined ? pathTemplate(r.path) : undefined;
    const key = `${source}\t${destination}\t${port}\t${protocol}\t${r.method ?? ''}\t${template ?? ''}`;
    const last = r.endTime && r.endTime > r.time ? r.endTime : r.time;
    let acc = this.edges.get(key);
    if (!acc) {
      const edge: ObservedEdge = { source, destination, port, protocol, count: 0, countUnit: r.countUnit, firstSeen: r.time, lastSeen: last, verdicts: {}, observedBy: [] };
      if (r.method) edge.method = r.method;
      if (template !== undefined) edge.pathTemplate = template;
      acc = { edge, observations: new Map(), rules: new Set() };
      this.edges.set(key, acc);
    }
    const e = acc.edge;
    if (r.appProtocol && !e.appProtocol) e.appProtocol = r.appProtocol;
    const obsKey = `${observer}\t${r.countUnit}`;
    let o = acc.observations.get(obsKey);
    if (!o) {
      o = { observer, countUnit: r.countUnit, count: 0, firstSeen: r.time, lastSeen: last, verdicts: {}, observedBy: [] };
      acc.observations.set(obsKey, o);
    }
    o.count += r.count;
    if (r.bytes !== undefined) o.bytes = (o.bytes ?? 0) + r.bytes;
    if (r.time < o.firstSeen) o.firstSeen = r.time;
    if (last > o.lastSeen) o.lastSeen = last;
    if (r.verdictCounts) {
      for (const [v, n] of Object.entries(r.verdictCounts)) o.verdicts[v] = (o.verdicts[v] ?? 0) + n;
    } else if (r.verdict) {
      o.verdicts[r.verdict] = (o.verdicts[r.verdict] ?? 0) + (r.count > 0 ? r.count : 1);
    }
    for (const name of r.observers ?? (r.observedBy ? [r.observedBy] : [])) if (!o.observedBy.includes(name)) o.observedBy.push(name);
    if (r.deniedBy) e.deniedBy = this.mergeRules(acc, e.deniedBy, r.deniedBy, 'd');
    if (r.allowedBy) e.allowedBy = this.mergeRules(acc, e.allowedBy, r.allowedBy, 'a');
    if (this.start === undefined || r.time < this.start) this.start = r.time;
    if (this.end === undefined || last > this.end) this.end = last;
  }

  private mergeRules(acc: EdgeAcc, into: ObservedRuleRef[] | undefined, refs: ObservedRuleRef[], tag: string): ObservedRuleRef[] {
    const out = into ?? [];
    for (const ref of refs) {
      const k = tag + formatRuleRefs([ref]);
      if (acc.rules.has(k)) continue;
      acc.rules.add(k);
      out.push(ref);
    }
    return out;
  }

  addUnresolved(side: 'source' | 'destination', reason: UnresolvedReason, value: string, endpoint: EndpointName, line: number, count: number): void {
    const key = `${side}\t${reason}\t${value}`;
    const u = this.unresolved.get(key);
    if (u) {
      u.count += count;
      if (u.lines.length < MAX_LINES_PER_UNRESOLVED) u.lines.push(line);
      return;
    }
    if (this.unresolved.size >= MAX_UNRESOLVED_ENTRIES) {
      this.unresolvedOverflow += count;
      return;
    }
    this.unresolved.set(key, { side, reason, value, count, lines: [line], endpoint });
  }

  /** Records of unresolved peers beyond the listed entries (the list is capped). */
  get overflow(): number {
    return this.unresolvedOverflow;
  }

  get timeWindow(): { start: string; end: string } | null {
    return this.start !== undefined && this.end !== undefined ? { start: this.start, end: this.end } : null;
  }

  result(): { edges: ObservedEdge[]; unresolved: UnresolvedRecord[] } {
    const edges = [...this.edges.values()].map((a) => {
      // mergeObservations copies, sorts observers' names and orders the observations.
      return withObservations(a.edge, mergeObservations([...a.observations.values()]));
    });
    edges.sort(compareEdges);
    const unresolved = [...this.unresolved.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return { edges, unresolved };
  }
}

export function compareEdges(a: ObservedEdge, b: ObservedEdge): number {
  return (
    a.source.localeCompare(b.source) ||
    a.destination.localeCompare(b.destination) ||
    a.port - b.port ||
    a.protocol.localeCompare(b.protocol) ||
    (a.method ?? '').localeCompare(b.method ?? '') ||
    (a.pathTemplate ?? '').localeCompare(b.pathTemplate ?? '')
  );
}
