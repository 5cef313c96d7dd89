'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BlastRadiusReport } from '@/lib/graph/blast-radius-report';
import type { RiskEntry } from '@/lib/graph/blast-radius';
import type { ClassifiedEdge, GraphView, TimeWindow } from '@/lib/graph/model';
import type { SensitivityFinding } from '@/lib/graph/sensitivity';
import type { SelectingPolicy } from '@/lib/model/verdict';
import type { GraphRulesJson } from './graph-rules';
import type { RuleYamlJson } from './rule-yaml';
import { queryKeys } from './query-keys';

/**
 * Client hooks for the graph explorer. Queries are keyed by the canonical query string, so the same view
 * (same URL) hits the cache, and `keepPreviousData` keeps the last graph on screen while a filter loads.
 */

export type RiskiestJson = { workloads: number; riskiest: RiskEntry[]; sensitivity: SensitivityFinding[] };

/** An API failure with the server's message (both `{ error: { message } }` and `{ error: 'text' }` bodies). */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiRequestError('The Eastwest server could not be reached. Is it still running?', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiRequestError(errorText(body) ?? `The server answered HTTP ${response.status}.`, response.status);
  return body as T;
}

function errorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null || typeof (error as { message?: unknown }).message !== 'string') return undefined;
  const { message, issues } = error as { message: string; issues?: unknown };
  // A validation error's message is generic ("Invalid request"); its issues say what was wrong.
  const details = Array.isArray(issues) ? issues.map(issueText).filter((t): t is string => !!t) : [];
  return details.length ? `${message}: ${details.join('; ')}` : message;
}

function issueText(issue: unknown): string | undefined {
  if (typeof issue !== 'object' || issue === null) return undefined;
  const { path, message } = issue as { path?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  return typeof path === 'string' && path ? `${path}: ${message}` : message;
}

/**
 * `query` is the graph API's query string (see `graphQuerySchema`), already canonical (sorted keys).
 * `enabled: false` holds the request back (https://tanstack.com/query/latest/docs/framework/react/guides/disabling-queries).
 */
export function useGraphQuery(snapshotId: string, query: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.graph(snapshotId, query),
    queryFn: ({ signal }) => fetchJson<GraphView>(`/api/snapshots/${encodeURIComponent(snapshotId)}/graph${query ? `?${query}` : ''}`, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

const detailQuery = (id: string, window: TimeWindow) => new URLSearchParams({ id, ...(window.from ? { from: window.from } : {}), ...(window.to ? { to: window.to } : {}) }).toString();
const windowKey = (window: TimeWindow) => `${window.from ?? ''}|${window.to ?? ''}`;

/** One edge with its per-layer explanation (the graph itself carries only class, summary and rules). */
export function useEdgeExplanation(snapshotId: string, edgeId: string, window: TimeWindow) {
  return useQuery({
    queryKey: queryKeys.graphEdge(snapshotId, edgeId, windowKey(window)),
    queryFn: ({ signal }) => fetchJson<{ edge: ClassifiedEdge }>(`/api/snapshots/${encodeURIComponent(snapshotId)}/graph/edge?${detailQuery(edgeId, window)}`, signal),
    staleTime: Infinity,
  });
}

/** The policies selecting one node on every layer (selector, subject, mesh attachment); `enabled` false for non-workloads. */
export function useNodePolicies(snapshotId: string, nodeId: string, window: TimeWindow, enabled = true) {
  return useQuery({
    queryKey: queryKeys.graphNode(snapshotId, nodeId, windowKey(window)),
    queryFn: ({ signal }) => fetchJson<{ policies: SelectingPolicy[] }>(`/api/snapshots/${encodeURIComponent(snapshotId)}/graph/node?${detailQuery(nodeId, window)}`, signal),
    enabled,
    staleTime: Infinity,
  });
}

/** The window's unused, dangling and wildcard rules and the policies' diagnostics; `enabled` false outside the Rules view. */
export function useGraphRulesQuery(snapshotId: string, window: TimeWindow, enabled = true) {
  const query = new URLSearchParams({ ...(window.from ? { from: window.from } : {}), ...(window.to ? { to: window.to } : {}) }).toString();
  return useQuery({
    queryKey: queryKeys.graphRules(snapshotId, windowKey(window)),
    queryFn: ({ signal }) => fetchJson<GraphRulesJson>(`/api/snapshots/${encodeURIComponent(snapshotId)}/graph/rules${query ? `?${query}` : ''}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** `query` is the blast-radius API's query string; `null` = not in blast-radius mode (no request). */
export function useBlastRadiusQuery(snapshotId: string, query: string | null) {
  return useQuery({
    queryKey: queryKeys.blastRadius(snapshotId, query ?? ''),
    queryFn: ({ signal }) => fetchJson<BlastRadiusReport>(`/api/snapshots/${encodeURIComponent(snapshotId)}/blast-radius?${query ?? ''}`, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useRiskiestQuery(snapshotId: string, limit = 10) {
  return useQuery({
    queryKey: queryKeys.riskiest(snapshotId, limit),
    queryFn: ({ signal }) => fetchJson<RiskiestJson>(`/api/snapshots/${encodeURIComponent(snapshotId)}/riskiest?limit=${limit}`, signal),
  });
}

/** The YAML excerpt of one deciding rule; fetched only when shown (`enabled`). */
export function useRuleYamlQuery(snapshotId: string, rule: { kind: string; namespace?: string; name: string; path?: string }, enabled: boolean) {
  const params = new URLSearchParams({ kind: rule.kind, name: rule.name, ...(rule.namespace ? { namespace: rule.namespace } : {}), ...(rule.path ? { path: rule.path } : {}) }).toString();
  return useQuery({
    queryKey: queryKeys.ruleYaml(snapshotId, params),
    queryFn: ({ signal }) => fetchJson<RuleYamlJson>(`/api/snapshots/${encodeURIComponent(snapshotId)}/rule-yaml?${params}`, signal),
    enabled,
    staleTime: Infinity,
  });
}
