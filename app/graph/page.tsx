import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Suspense } from 'react';
import { preload } from 'react-dom';
import { ButtonLink } from '@/components/ui/button';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { selectSnapshot } from '@/components/snapshots/select-snapshot';
import { SnapshotGate } from '@/components/snapshots/snapshot-gate';
import { SnapshotTitle } from '@/components/snapshots/snapshot-title';
import { GraphMessage } from '@/components/graph/graph-message';
import { parseViewState, toGraphApiQuery } from '@/components/graph/view-state';
import { GraphExplorer } from './explorer-client';

export const metadata: Metadata = { title: 'Graph' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GraphPage({ searchParams }: Props) {
  const params = await searchParams;
  const selection = await selectSnapshot(params.snapshot);
  if (selection.kind === 'selected') {
    const snapshot = selection.snapshot;
    // Only for the document (a browser navigation asks for HTML; the router's RSC requests do not): on client
    // navigations (filters write the URL) the explorer has already sent the request when the hint would arrive.
    if ((await headers()).get('accept')?.includes('text/html')) preloadGraphView(snapshot.id, params);
    return (
      <>
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-6 py-3">
          <div className="min-w-0">
            <h1 className="text-lg font-semibold tracking-tight text-slate-900">Graph</h1>
            <div className="text-sm text-slate-600">
              <SnapshotTitle snapshot={snapshot} />
            </div>
          </div>
          <div className="flex gap-2">
            <ButtonLink variant="secondary" href={`/import?snapshot=${snapshot.id}`}>Import more data</ButtonLink>
            <ButtonLink variant="secondary" href="/graph">Change snapshot</ButtonLink>
          </div>
        </header>
        {/* The explorer reads its view state from the URL (useSearchParams), which needs a Suspense boundary. */}
        <Suspense fallback={<GraphMessage title="Loading the graph explorer…" busy />}>
          <GraphExplorer snapshotId={snapshot.id} snapshotName={snapshot.name} />
        </Suspense>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Graph" description="The east-west call graph: observed traffic, classified against every policy layer." />
      <PageBody>
        <SnapshotGate selection={selection} basePath="/graph" purpose="explore its call graph">
          {() => null}
        </SnapshotGate>
      </PageBody>
    </>
  );
}

/**
 * Starts the view's graph request from the HTML's head (`<link rel="preload" as="fetch">`), while the page's
 * scripts load and hydrate, instead of after: the explorer's query (useGraphQuery, same URL from the same view
 * state) then gets the preloaded response. On 2,000 workloads the request used to start 1 s after navigation
 * (bench/graph-render.bench.ts). https://react.dev/reference/react-dom/preload
 */
function preloadGraphView(snapshotId: string, params: Record<string, string | string[] | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value ?? []].flat()) search.append(key, v);
  const query = toGraphApiQuery(parseViewState(search));
  preload(`/api/snapshots/${encodeURIComponent(snapshotId)}/graph${query ? `?${query}` : ''}`, { as: 'fetch', crossOrigin: 'anonymous' });
}
