'use client';

import { useEffect, useState } from 'react';

/**
 * True once `ready` has held and the browser has then been idle: for work the first paint must not wait for.
 * A large graph's first frame is one long task (styling and drawing thousands of elements); a response that
 * arrives meanwhile is parsed and rendered before the frame after it, delaying what the user waits to see.
 * Falls back to a short timeout where `requestIdleCallback` is missing (Safari).
 * https://developer.mozilla.org/en-US/docs/Web/API/Window/requestIdleCallback
 */
export function useIdleAfter(ready: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!ready || idle) return;
    if (typeof window.requestIdleCallback === 'function') {
      // The timeout bounds the wait on a page that never goes idle.
      const handle = window.requestIdleCallback(() => setIdle(true), { timeout: 2000 });
      return () => window.cancelIdleCallback(handle);
    }
    const handle = window.setTimeout(() => setIdle(true), 200);
    return () => window.clearTimeout(handle);
  }, [ready, idle]);
  return idle;
}
