'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SensitivityFinding } from '@/lib/graph/sensitivity';
import type { CrownJewelTagInput } from './blast-radius';
import { fetchJson } from './graph-client';
import { queryKeys } from './query-keys';
import { send } from './snapshots-client';

export type CrownJewelTagJson = { targetKind: 'workload' | 'namespace'; target: string; reason: string | null };

const url = (snapshotId: string) => `/api/snapshots/${encodeURIComponent(snapshotId)}/crown-jewels`;

export function useCrownJewelsQuery(snapshotId: string) {
  return useQuery({
    queryKey: queryKeys.crownJewels(snapshotId),
    queryFn: ({ signal }) => fetchJson<{ tags: CrownJewelTagJson[] }>(url(snapshotId), signal),
  });
}

/** The snapshot's crown jewels and sensitive services (the computation Findings and blast radius use). */
export function useSensitivityQuery(snapshotId: string) {
  return useQuery({
    queryKey: queryKeys.sensitivity(snapshotId),
    queryFn: ({ signal }) => fetchJson<{ sensitivity: SensitivityFinding[] }>(`/api/snapshots/${encodeURIComponent(snapshotId)}/sensitivity`, signal),
  });
}

/** Tags or untags; on success every snapshot-derived query (blast radius, riskiest list, sensitivity) refreshes. */
export function useCrownJewelMutation(snapshotId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ tag, on }: { tag: CrownJewelTagInput; on: boolean }) => send<{ tags: CrownJewelTagJson[] }>(url(snapshotId), on ? 'POST' : 'DELETE', tag),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.snapshots.detail(snapshotId) }),
  });
}
