import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { selectSnapshot } from '@/components/snapshots/select-snapshot';
import { SnapshotGate } from '@/components/snapshots/snapshot-gate';
import { SnapshotStats } from '@/components/snapshots/snapshot-stats';
import { SnapshotTitle } from '@/components/snapshots/snapshot-title';

export const metadata: Metadata = { title: 'Graph' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GraphPage({ searchParams }: Props) {
  const selection = await selectSnapshot((await searchParams).snapshot);
  return (
    <>
      <PageHeader
        title="Graph"
        description={
          selection.kind === 'selected' ? <SnapshotTitle snapshot={selection.snapshot} /> : 'The east-west call graph: observed traffic, classified against every policy layer.'
        }
        actions={selection.kind === 'selected' ? <ButtonLink variant="secondary" href="/graph">Change snapshot</ButtonLink> : undefined}
      />
      <PageBody>
        <SnapshotGate selection={selection} basePath="/graph" purpose="explore its call graph">
          {(snapshot) => (
            <div className="space-y-6">
              <SnapshotStats snapshot={snapshot} />
              <EmptyState
                title="The graph explorer is not available in this build yet"
                actions={<ButtonLink variant="secondary" href={`/import?snapshot=${snapshot.id}`}>Import more data</ButtonLink>}
              >
                <p>This snapshot&apos;s inventory, policies and traffic edges are stored; the classified graph will be drawn here.</p>
              </EmptyState>
            </div>
          )}
        </SnapshotGate>
      </PageBody>
    </>
  );
}
