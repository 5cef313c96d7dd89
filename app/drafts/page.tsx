import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { loadScopeOptions } from '@/components/drafts/load-scope-options';
import { DatabaseError } from '@/components/snapshots/database-error';
import { selectSnapshot } from '@/components/snapshots/select-snapshot';
import { SnapshotGate } from '@/components/snapshots/snapshot-gate';
import { SnapshotTitle } from '@/components/snapshots/snapshot-title';
import { parseEdgeId, type EdgeDecisionJson } from '@/lib/api/drafts';
import { DraftsClient } from './drafts-client';

export const metadata: Metadata = { title: 'Drafts' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * `/drafts?snapshot=<id>[&draft=<draftId>][&drop=<edgeId>|&grant=<edgeId>]`, where an edge id is the graph's
 * `source|destination|port|protocol` (URL-encoded): the deep link of the graph's "drop from draft" / "grant".
 */
function deepLinkOf(params: Record<string, string | string[] | undefined>): EdgeDecisionJson | null {
  for (const decision of ['drop', 'grant'] as const) {
    const key = first(params[decision]);
    const parsed = key ? parseEdgeId(key) : null;
    if (parsed) return { decision, ...parsed };
  }
  return null;
}

export default async function DraftsPage({ searchParams }: Props) {
  const params = await searchParams;
  const selection = await selectSnapshot(params.snapshot);
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
          {(snapshot) => <DraftsForSnapshot snapshotId={snapshot.id} draftId={first(params.draft) ?? null} deepLink={deepLinkOf(params)} />}
        </SnapshotGate>
      </PageBody>
    </>
  );
}

async function DraftsForSnapshot({ snapshotId, draftId, deepLink }: { snapshotId: string; draftId: string | null; deepLink: EdgeDecisionJson | null }) {
  const options = await loadScopeOptions(snapshotId);
  if (!options.ok) return <DatabaseError message={options.message} />;
  return <DraftsClient key={snapshotId} snapshotId={snapshotId} options={options.value} initialDraftId={draftId} deepLink={deepLink} />;
}
