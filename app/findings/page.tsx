import type { Metadata } from 'next';
import { ButtonLink, buttonClass } from '@/components/ui/button';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { BaselineButton } from '@/components/findings/baseline-button';
import { FindingsView } from '@/components/findings/findings-view';
import { loadFindings } from '@/components/findings/load-findings';
import { DatabaseError } from '@/components/snapshots/database-error';
import { selectSnapshot } from '@/components/snapshots/select-snapshot';
import { SnapshotGate } from '@/components/snapshots/snapshot-gate';
import { SnapshotTitle } from '@/components/snapshots/snapshot-title';

export const metadata: Metadata = { title: 'Findings' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `/findings?snapshot=<id>`: API inventory, sensitivity, environment leaks, and the report and alert-rule downloads. */
export default async function FindingsPage({ searchParams }: Props) {
  const params = await searchParams;
  const selection = await selectSnapshot(params.snapshot);
  return (
    <>
      <PageHeader
        title="Findings"
        description={selection.kind === 'selected' ? <SnapshotTitle snapshot={selection.snapshot} /> : 'API inventory, environment leaks, alert rules and the shareable report of a snapshot.'}
        actions={selection.kind === 'selected' ? <ButtonLink variant="secondary" href="/findings">Change snapshot</ButtonLink> : undefined}
      />
      <PageBody>
        <SnapshotGate selection={selection} basePath="/findings" purpose="review its findings">
          {(snapshot) => <FindingsForSnapshot snapshotId={snapshot.id} />}
        </SnapshotGate>
      </PageBody>
    </>
  );
}

async function FindingsForSnapshot({ snapshotId }: { snapshotId: string }) {
  let loaded: Awaited<ReturnType<typeof loadFindings>>;
  try {
    loaded = await loadFindings(snapshotId);
  } catch (error) {
    return <DatabaseError message={error instanceof Error ? error.message : String(error)} />;
  }
  const api = `/api/snapshots/${encodeURIComponent(snapshotId)}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        {/* Plain links: the browser downloads (attachment) or opens the self-contained report. */}
        <a className={buttonClass('primary')} href={`${api}/report?download=1`} download>
          Download report
        </a>
        <a className={buttonClass('secondary')} href={`${api}/report`} target="_blank" rel="noopener">
          Open report (print to PDF)
        </a>
        <a className={buttonClass('secondary')} href={`${api}/alerts`} download>
          Download alert rules
        </a>
        <ButtonLink variant="secondary" href={`/compare?snapshot=${encodeURIComponent(snapshotId)}`}>
          Compare with baseline
        </ButtonLink>
        <BaselineButton snapshotId={snapshotId} isBaseline={loaded.snapshot.isBaseline} />
      </div>
      <FindingsView findings={loaded.findings} />
    </div>
  );
}
