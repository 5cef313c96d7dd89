'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, fetchJson } from './graph-client';
import { queryKeys } from './query-keys';
import type { CreateSnapshotInput, SnapshotJson, SnapshotListJson, SnapshotWithCountsJson } from './snapshots';

/** Client hooks for /api/snapshots; mutations invalidate every snapshot key so lists and counts refresh. */

export function useSnapshotsQuery() {
  return useQuery({ queryKey: queryKeys.snapshots.list(), queryFn: ({ signal }) => fetchJson<SnapshotListJson>('/api/snapshots', signal) });
}

export function useSnapshotQuery(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.snapshots.detail(id ?? ''),
    queryFn: ({ signal }) => fetchJson<SnapshotWithCountsJson>(`/api/snapshots/${encodeURIComponent(id ?? '')}`, signal),
    enabled: Boolean(id),
  });
}

export async function send<T>(url: string, method: 'POST' | 'DELETE', body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (json as { error?: { message?: string } } | null)?.error?.message;
    throw new ApiRequestError(message ?? `The server answered HTTP ${response.status}.`, response.status);
  }
  return json as T;
}

export function useCreateSnapshotMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSnapshotInput) => send<SnapshotJson>('/api/snapshots', 'POST', input),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.snapshots.all }),
  });
}

export function useDeleteSnapshotMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send<void>(`/api/snapshots/${encodeURIComponent(id)}`, 'DELETE'),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.snapshots.all }),
  });
}
