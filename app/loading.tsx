import { PageBody } from '@/components/ui/page-body';

/** Shown while a page reads the database; the same frame as the pages, so nothing jumps. */
export default function Loading() {
  return (
    <>
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto w-full max-w-6xl px-8 py-6">
          <div className="h-7 w-40 animate-pulse rounded bg-slate-200" />
          <div className="mt-2 h-4 w-96 max-w-full animate-pulse rounded bg-slate-100" />
        </div>
      </div>
      <PageBody>
        <div role="status" aria-label="Loading" className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white" />
      </PageBody>
    </>
  );
}
