import { toEdgeId, type EdgeDecisionJson } from '@/lib/api/drafts';

/**
 * Pure edits of a draft's decision list: at most one decision per connection (source, destination, port,
 * protocol), so a later "grant" replaces an earlier "drop" of the same connection and vice versa.
 */

type Key = { source: string; destination: string; port: number; protocol: string };
type Observed = Key & { method?: string; pathTemplate?: string };

export function decisionFor(decisions: readonly EdgeDecisionJson[], key: Key): EdgeDecisionJson | undefined {
  const id = toEdgeId(key);
  return decisions.find((d) => toEdgeId(d) === id);
}

export function withoutDecision(decisions: readonly EdgeDecisionJson[], key: Key): EdgeDecisionJson[] {
  const id = toEdgeId(key);
  return decisions.filter((d) => toEdgeId(d) !== id);
}

export function withDrop(decisions: readonly EdgeDecisionJson[], key: Key): EdgeDecisionJson[] {
  return [...withoutDecision(decisions, key), { decision: 'drop', source: key.source, destination: key.destination, port: key.port, protocol: key.protocol as EdgeDecisionJson['protocol'] }];
}

/**
 * Grants an observed edge the draft left out. An edge seen with an HTTP method or path is granted for that
 * operation only (added to the operations already granted on the connection); an L4-only edge grants the
 * whole port, which also covers any operation.
 */
export function withGrant(decisions: readonly EdgeDecisionJson[], edge: Observed): EdgeDecisionJson[] {
  const previous = decisionFor(decisions, edge);
  const base: EdgeDecisionJson = { decision: 'grant', source: edge.source, destination: edge.destination, port: edge.port, protocol: edge.protocol as EdgeDecisionJson['protocol'] };
  const l7 = edge.method !== undefined || edge.pathTemplate !== undefined;
  const wasL4Grant = previous?.decision === 'grant' && previous.operations === undefined;
  if (!l7 || wasL4Grant) return [...withoutDecision(decisions, edge), base];
  const op = { ...(edge.method !== undefined ? { method: edge.method } : {}), ...(edge.pathTemplate !== undefined ? { pathTemplate: edge.pathTemplate } : {}) };
  const ops = previous?.decision === 'grant' ? [...(previous.operations ?? [])] : [];
  if (!ops.some((o) => o.method === op.method && o.pathTemplate === op.pathTemplate)) ops.push(op);
  return [...withoutDecision(decisions, edge), { ...base, operations: ops }];
}
