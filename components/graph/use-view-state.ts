'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseViewState, toSearchParams, type ViewState } from './view-state';

/** The view state from the URL, and a setter that writes a patch back to the URL (replace: no history spam). */
export function useViewState(snapshotId: string): [ViewState, (patch: Partial<ViewState>) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = searchParams.toString();
  const view = useMemo(() => parseViewState(new URLSearchParams(key)), [key]);
  const update = useCallback(
    (patch: Partial<ViewState>) => {
      // Read the live URL, not the render's copy: two quick updates must not overwrite each other.
      const current = parseViewState(new URLSearchParams(window.location.search));
      const next = toSearchParams(snapshotId, { ...current, ...patch }).toString();
      if (next !== window.location.search.replace(/^\?/, '')) router.replace(`${pathname}?${next}`, { scroll: false });
    },
    [router, pathname, snapshotId],
  );
  return [view, update];
}
