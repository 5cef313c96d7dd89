'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, fetchJson } from '@/lib/api/graph-client';
import { draftQueryKeys, type CreateDraftInput, type DraftDetailJson, type DraftJson, type SemanticDiffJson, type SimulationModeJson, type UpdateDraftInput, type WhatIfJson } from '@/lib/api/drafts';

/** TanStack Query hooks of the Drafts page (the routes are app/api/snapshots/[id]/drafts and app/api/drafts/[draftId]). */

async function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch {
    throw new ApiRequestError('The Eastwest server could not be reached. Is it still running?', 0);
  }
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { message?: string; issues?: { path: string; message: string }[] } } | null)?.error;
    const issues = error?.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ApiRequestError([error?.message ?? `The server answered HTTP ${response.status}.`, issues].filter(Boolean).join(' — '), response.status);
  }
  return json as T;
}

const draftUrl = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

export function useDraftsQuery(snapshotId: string) {
  return useQuery({
    queryKey: draftQueryKeys.list(snapshotId),
    queryFn: ({ signal }) => fetchJson<{ drafts: DraftJson[] }>(`/api/snapshots/${encodeURIComponent(snapshotId)}/drafts`, signal).then((b) => b.drafts),
  });
}

export function useDraftQuery(snapshotId: string, draftId: string | null) {
  return useQuery({
    queryKey: draftQueryKeys.detail(snapshotId, draftId ?? ''),
    queryFn: ({ signal }) => fetchJson<DraftDetailJson>(draftUrl(draftId ?? ''), signal),
    enabled: draftId !== null,
  });
}

/** `pivotThroughInfra`: the blast-radius table walks on from shared infrastructure too (lib/graph/blast-radius.ts). */
export function useWhatIfQuery(snapshotId: string, draftId: string, mode: SimulationModeJson, version: string, pivotThroughInfra = false) {
  return useQuery({
    queryKey: [...draftQueryKeys.whatIf(snapshotId, draftId, mode), version, pivotThroughInfra],
    queryFn: ({ signal }) => fetchJson<WhatIfJson>(`${draftUrl(draftId)}/what-if?mode=${mode}${pivotThroughInfra ? '&pivotThroughInfra=1' : ''}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDiffQuery(snapshotId: string, draftId: string, mode: SimulationModeJson, version: string) {
  return useQuery({
    queryKey: [...draftQueryKeys.diff(snapshotId, draftId, mode), version],
    queryFn: ({ signal }) => fetchJson<SemanticDiffJson>(`${draftUrl(draftId)}/diff?mode=${mode}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateDraftMutation(snapshotId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDraftInput) => sendJson<DraftDetailJson>('POST', `/api/snapshots/${encodeURIComponent(snapshotId)}/drafts`, input),
    onSuccess: (detail) => {
      client.setQueryData(draftQueryKeys.detail(snapshotId, detail.draft.id), detail);
      void client.invalidateQueries({ queryKey: draftQueryKeys.list(snapshotId) });
    },
  });
}

/** What-if and diff are keyed by the draft's `updatedAt`, so a change fetches fresh answers and the old ones stay on screen meanwhile. */
export function useUpdateDraftMutation(snapshotId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ draftId, ...input }: UpdateDraftInput & { draftId: string }) => sendJson<DraftDetailJson>('PATCH', draftUrl(draftId), input),
    onSuccess: (detail) => {
      client.setQueryData(draftQueryKeys.detail(snapshotId, detail.draft.id), detail);
      void client.invalidateQueries({ queryKey: draftQueryKeys.list(snapshotId), exact: true });
    },
  });
}

export function useDeleteDraftMutation(snapshotId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draftId: string) => sendJson<void>('DELETE', draftUrl(draftId)),
    onSuccess: (_result, draftId) => {
      client.removeQueries({ queryKey: draftQueryKeys.detail(snapshotId, draftId) });
      void client.invalidateQueries({ queryKey: draftQueryKeys.list(snapshotId), exact: true });
    },
  });
}
