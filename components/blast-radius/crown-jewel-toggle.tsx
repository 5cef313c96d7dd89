'use client';

import { Button } from '@/components/ui/button';
import { useCrownJewelMutation, useCrownJewelsQuery } from '@/lib/api/crown-jewels-client';

/**
 * Tags a workload (or its whole namespace) as a crown jewel. Tags are stored with the snapshot and used by
 * blast radius, exposure and the riskiest-workloads ranking.
 */
export function CrownJewelToggle({ snapshotId, workload }: { snapshotId: string; workload: string }) {
  const tags = useCrownJewelsQuery(snapshotId);
  const mutation = useCrownJewelMutation(snapshotId);
  const namespace = workload.split('/')[0] ?? '';
  const byWorkload = tags.data?.tags.some((t) => t.targetKind === 'workload' && t.target === workload) ?? false;
  const byNamespace = tags.data?.tags.some((t) => t.targetKind === 'namespace' && t.target === namespace) ?? false;
  if (tags.isPending) return null;
  if (byNamespace) return <p className="text-xs text-slate-600">★ crown jewel (namespace {namespace} is tagged)</p>;
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="secondary"
        className="px-2.5 py-1.5 text-xs"
        data-testid="crown-jewel-toggle"
        aria-pressed={byWorkload}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ tag: { targetKind: 'workload', target: workload, reason: null }, on: !byWorkload })}
      >
        {byWorkload ? '★ Crown jewel (untag)' : '☆ Mark as crown jewel'}
      </Button>
      {mutation.error ? <p className="text-xs text-red-700">{mutation.error.message}</p> : null}
    </div>
  );
}
