import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { selectSnapshot } from '@/components/snapshots/select-snapshot';
import { SnapshotGate } from '@/components/snapshots/snapshot-gate';
import { SnapshotTitle } from '@/components/snapshots/snapshot-title';

export const metadata: Metadata = { title: 'Drafts' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DraftsPage({ searchParams }: Props) {
  const selection = await selectSnapshot((await searchParams).snapshot);
  return (
    <>
      <PageHeader
        title="Drafts"
        description={
          selection.kind === 'selected' ? <SnapshotTitle snapshot={selection.snapshot} /> : 'Least-privilege policy drafts generated from observed traffic, with a what-if preview.'
        }
        actions={selection.kind === 'selected' ? <ButtonLink variant="secondary" href="/drafts">Change snapshot</ButtonLink> : undefined}
      />
      <PageBody>
        <SnapshotGate selection={selection} basePath="/drafts" purpose="draft least-privilege policies from its traffic">
          {(snapshot) => (
            <EmptyState
              title="No drafts for this snapshot"
              actions={<ButtonLink variant="secondary" href={`/graph?snapshot=${snapshot.id}`}>Open the graph</ButtonLink>}
            >
              <p>Drafts turn the traffic observed in this snapshot into NetworkPolicy, Istio, Cilium or Linkerd policies. Draft generation is not available in this build yet.</p>
            </EmptyState>
          )}
        </SnapshotGate>
      </PageBody>
    </>
  );
}
