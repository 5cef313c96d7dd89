'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Marks the snapshot as its cluster's baseline (PUT /api/snapshots/:id/compare/baseline), then refreshes the page. */
export function BaselineButton({ snapshotId, isBaseline }: { snapshotId: string; isBaseline: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const toggle = async () => {
    setState({ busy: true, error: null });
    const response = await fetch(`/api/snapshots/${encodeURIComponent(snapshotId)}/compare/baseline`, { method: isBaseline ? 'DELETE' : 'PUT' }).catch(() => null);
    if (!response?.ok) {
      const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
      setState({ busy: false, error: body?.error?.message ?? 'Could not update the baseline' });
      return;
    }
    setState({ busy: false, error: null });
    router.refresh();
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={() => void toggle()} disabled={state.busy}>
        {isBaseline ? 'Unmark baseline' : 'Mark as baseline'}
      </Button>
      {state.error ? (
        <span role="alert" className="text-sm text-rose-700">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
