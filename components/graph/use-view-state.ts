'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseViewState, toSearchParams, type ViewState } from './view-state';

/**
 * The view state from the URL, and a setter that writes a patch back to the URL (replace: no history spam).
 * The new state is applied at once (controls answer immediately) while the router catches up with the URL.
 */
export function useViewState(snapshotId: string): [ViewState, (patch: Partial<ViewState>) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = searchParams.toString();
  const [pending, setPending] = useState<string | null>(null);
  const latest = useRef<string | null>(null);
  // Once the URL changes (our navigation landed, or back/forward), it is the truth again.
  // https://react.dev/learn/you-might-not-need-an-effect#adjusting-some-state-when-a-prop-changes
  const [seenKey, setSeenKey] = useState(key);
  if (key !== seenKey) {
    setSeenKey(key);
    setPending(null);
  }
  const effective = pending ?? key;
  const view = useMemo(() => parseViewState(new URLSearchParams(effective)), [effective]);
  const update = useCallback(
    (patch: Partial<ViewState>) => {
      // Build on the newest state, not the render's copy: two quick updates must not overwrite each other.
      const base = latest.current ?? window.location.search;
      const next = toSearchParams(snapshotId, { ...parseViewState(new URLSearchParams(base)), ...patch }).toString();
      latest.current = next;
      if (next === window.location.search.replace(/^\?/, '')) return;
      setPending(next);
      router.replace(`${pathname}?${next}`, { scroll: false });
    },
    [router, pathname, snapshotId],
  );
  // The ref only bridges updates issued before the router commits; a committed URL (or back/forward) resets it.
  useEffect(() => {
    latest.current = null;
  }, [key]);
  return [view, update];
}
