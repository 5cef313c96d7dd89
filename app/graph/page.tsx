import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ButtonLink } from '@/components/ui/button';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { selectSnapshot } from '@/components/snapshots/select-snapshot';
import { SnapshotGate } from '@/components/snapshots/snapshot-gate';
import { SnapshotTitle } from '@/components/snapshots/snapshot-title';
import { GraphMessage } from '@/components/graph/graph-message';
import { GraphExplorer } from './explorer-client';

export const metadata: Metadata = { title: 'Graph' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GraphPage({ searchParams }: Props) {
  const selection = await selectSnapshot((await searchParams).snapshot);
  if (selection.kind === 'selected') {
    const snapshot = selection.snapshot;
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
