import type { Protocol } from '../model/kubernetes';
import { buildEndpointIndex, type EndpointIndex } from './endpoint-index';
import { toObservedEdge, toUnusedEdge, type ClassifyInput } from './classify-graph';
import { collapseObservedEdges, edgeId } from './collapse-observed';
import { evaluateEdge } from './evaluate-edge';
import type { ClassifiedEdge } from './model';
import type { ObservedEdge } from '../traffic/model';
import { participatingEvaluator } from './participating-layers';
import { buildRuleCatalog, networkModelOf } from './rule-catalog';
import { findUnusedGrants } from './unused-edges';

export interface EdgeKey {
  source: string;
  destination: string;
  port: number;
  protocol: Protocol;
}

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];
const isProtocol = (p: string): p is Protocol => PROTOCOLS.includes(p);

/** Parses an edge id (`source|destination|port|protocol`); endpoint names never contain `|`. */
export function parseEdgeId(id: string): EdgeKey | null {
  const parts = id.split('|');
  if (parts.length !== 4) return null;
  const [source, destination, portText, protocol] = parts as [string, string, string, string];
  const port = Number(portText);
  if (!source || !destination || !Number.isInteger(port) || port < 0 || port > 65535 || !isProtocol(protocol)) return null;
  return { source, destination, port, protocol };
}

/**
 * Edges of `classifyGraph(input)` with their full explanations, computed alone: the passes that decide one edge
 * (collapse its observed rows in the window, evaluate, classify; or, unobserved, the grant check) without
 * classifying the rest of the graph. Ids the graph has no edge for are left out. Callers that know the edges are
 * in the graph (the API checks the stored classification) get the objects `classifyGraph` builds.
 */
export function explainEdges(input: ClassifyInput & { index?: EndpointIndex }, ids: readonly string[]): ClassifiedEdge[] {
  const keys = new Map<string, EdgeKey>();
  for (const id of ids) {
    const key = parseEdgeId(id);
    if (key) keys.set(id, key);
  }
  if (keys.size === 0) return [];
  const rows = new Map<string, ObservedEdge[]>();
  for (const e of input.edges) {
    const id = edgeId(e.source, e.destination, e.port, e.protocol);
    if (!keys.has(id)) continue;
    const list = rows.get(id);
    if (list) list.push(e);
    else rows.set(id, [e]);
  }
  const evaluator = participatingEvaluator(input.evaluator);
  const index = input.index ?? buildEndpointIndex(input.inventory);
  let wildcardRefs: Set<string> | undefined;
  const out: ClassifiedEdge[] = [];
  for (const [id, key] of keys) {
    const observed = collapseObservedEdges(rows.get(id) ?? [], input.window ?? {})[0];
    if (observed) {
      out.push(toObservedEdge(observed, evaluateEdge(evaluator, index, observed)));
      continue;
    }
    if (!wildcardRefs) {
      const networkModel = networkModelOf(input.evaluator.layers);
      wildcardRefs = new Set((networkModel ? buildRuleCatalog(networkModel) : []).filter((c) => c.wildcard).map((c) => c.ref));
    }
    const grant = findUnusedGrants(evaluator, index, [key], new Set(), wildcardRefs)[0];
    if (!grant) continue;
    const pairs = (index.podsByWorkload.get(grant.source)?.length ?? 1) * (index.podsByWorkload.get(grant.destination)?.length ?? 1);
    out.push(toUnusedEdge(grant, pairs));
  }
  return out;
}

/** One edge with its explanation (see `explainEdges`), `null` when the graph has no such edge. */
export function explainEdge(input: ClassifyInput & { index?: EndpointIndex }, id: string): ClassifiedEdge | null {
  return explainEdges(input, [id])[0] ?? null;
}
