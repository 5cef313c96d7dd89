import type { EndpointName } from '../model/identity';
import type { Protocol } from '../model/kubernetes';
import { combineObservations, edgeObservations, mergeObservations } from '../traffic/aggregate/observations';
import type { EdgeObservation, ObservedEdge } from '../traffic/model';
import type { EdgeOperation, ObservedSummary, TimeWindow } from './model';

/** An observed edge at workload level: one per (source, destination, port, protocol), L7 routes kept as operations. */
export interface CollapsedEdge {
  id: string;
  source: EndpointName;
  destination: EndpointName;
  port: number;
  protocol: Protocol;
  observed: ObservedSummary;
  operations: EdgeOperation[];
  appProtocol?: string;
  observedBy: string[];
}

export const edgeId = (source: string, destination: string, port: number, protocol: string): string => `${source}|${destination}|${port}|${protocol}`;

/**
 * Whether an aggregated edge overlaps the window. Edges are aggregates over [firstSeen, lastSeen]; an edge that
 * overlaps the window counts whole (the aggregate cannot be split). RFC 3339 UTC strings compare as instants once
 * parsed; `Date.parse` keeps offsets and fractional seconds right.
 */
export function overlapsWindow(edge: Pick<ObservedEdge, 'firstSeen' | 'lastSeen'>, window: TimeWindow): boolean {
  if (window.from && Date.parse(edge.lastSeen) < Date.parse(window.from)) return false;
  if (window.to && Date.parse(edge.firstSeen) > Date.parse(window.to)) return false;
  return true;
}

const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

/**
 * Pass 1: keep the edges in the window and collapse the per-route edges of the traffic import into one edge per
 * (source, destination, destination pod port, protocol). Methods and path templates become the edge's operations.
 * The edge's figures combine the routes' observations (traffic/aggregate/observations.ts): one observer's routes
 * add up, while Hubble's L4 connection and Istio's L7 request on the same edge are the same traffic and count once.
 * Edges come out in the order their first record came in (the graph sorts its final edge list once).
 */
export function collapseObservedEdges(edges: readonly ObservedEdge[], window: TimeWindow = {}): CollapsedEdge[] {
  const byId = new Map<string, { edge: CollapsedEdge; observations: EdgeObservation[][] }>();
  const filtered = !!(window.from || window.to);
  for (const e of edges) {
    if (filtered && !overlapsWindow(e, window)) continue;
    const id = edgeId(e.source, e.destination, e.port, e.protocol);
    let acc = byId.get(id);
    if (!acc) {
      const c: CollapsedEdge = { id, source: e.source, destination: e.destination, port: e.port, protocol: e.protocol, observed: { count: 0, countUnit: e.countUnit, firstSeen: e.firstSeen, lastSeen: e.lastSeen, verdicts: {} }, operations: [], observedBy: [] };
      acc = { edge: c, observations: [] };
      byId.set(id, acc);
    }
    const c = acc.edge;
    acc.observations.push(edgeObservations(e));
    if (!c.appProtocol && e.appProtocol) c.appProtocol = e.appProtocol;
    if (e.method !== undefined || e.pathTemplate !== undefined) addOperation(c, e);
  }
  const out: CollapsedEdge[] = [];
  for (const { edge: c, observations } of byId.values()) {
    const merged = mergeObservations(...observations);
    const figures = combineObservations(merged);
    c.observed = { count: figures.count, countUnit: figures.countUnit, firstSeen: figures.firstSeen, lastSeen: figures.lastSeen, verdicts: figures.verdicts };
    if (new Set(merged.map((o) => o.observer)).size > 1) c.observed.observations = merged;
    c.observedBy = figures.observedBy;
    if (c.operations.length > 1) c.operations.sort((a, b) => b.count - a.count || (a.path ?? '').localeCompare(b.path ?? '') || (a.method ?? '').localeCompare(b.method ?? ''));
    out.push(c);
  }
  return out;
}

function addOperation(c: CollapsedEdge, e: ObservedEdge) {
  let op = c.operations.find((o) => o.method === e.method && o.path === e.pathTemplate);
  if (!op) {
    op = { count: 0, verdicts: {} };
    if (e.method !== undefined) op.method = e.method;
    if (e.pathTemplate !== undefined) op.path = e.pathTemplate;
    c.operations.push(op);
  }
  op.count += e.count;
  addCounts(op.verdicts, e.verdicts);
}
