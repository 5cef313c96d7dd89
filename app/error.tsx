'use client';

import { Button, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageBody } from '@/components/ui/page-body';

/** Unexpected failures inside a page; the sidebar stays usable. Expected ones (database down) have their own states. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error ? String((error as Error & { digest?: string }).digest ?? '') : '';
  return (
    <PageBody>
      <EmptyState
        tone="error"
        title="This page could not be shown"
        actions={
          <>
            <Button onClick={() => retry()}>Try again</Button>
            <ButtonLink variant="secondary" href="/">Back to snapshots</ButtonLink>
          </>
        }
      >
        <p>Something failed on the server while preparing this page. Trying again often helps; if it does not, the server log has the details.</p>
        {digest ? <p className="font-mono text-xs text-slate-500">Error id: {digest}</p> : null}
      </EmptyState>
    </PageBody>
  );
}
