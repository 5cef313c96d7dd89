import type { Metadata } from 'next';
import { ImportClient } from '@/components/import/import-client';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { DatabaseError } from '@/components/snapshots/database-error';
import { loadSnapshots } from '@/components/snapshots/load-snapshots';

export const metadata: Metadata = { title: 'Import' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ImportPage({ searchParams }: Props) {
  const param = (await searchParams).snapshot;
  const snapshots = await loadSnapshots();
  return (
    <>
      <PageHeader
        title="Import"
        description="Upload Kubernetes inventory, policies and observed traffic into a snapshot. Each file reports what was read, imported and skipped, with every problem and its line."
      />
      <PageBody>
        {snapshots.ok ? (
          <ImportClient snapshots={snapshots.value} initialSnapshotId={typeof param === 'string' ? param : null} />
        ) : (
          <DatabaseError message={snapshots.message} />
        )}
      </PageBody>
    </>
  );
}
