import type { Metadata } from 'next';
import { ButtonLink, buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { BaselineButton } from '@/components/findings/baseline-button';
import { ComparisonView } from '@/components/findings/comparison-view';
import { loadComparison, resolveBaseline } from '@/components/findings/load-findings';
import { DatabaseError } from '@/components/snapshots/database-error';
import { selectSnapshot } from '@/components/snapshots/select-snapshot';
import { SnapshotGate } from '@/components/snapshots/snapshot-gate';
import { SnapshotTitle } from '@/components/snapshots/snapshot-title';
import type { SnapshotSummary } from '@/components/snapshots/snapshot-summary';
import { getSnapshot } from '@/lib/db';

export const metadata: Metadata = { title: 'Compare' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `/compare?snapshot=<current>&baseline=<id>`: what changed since the baseline (default: the cluster's marked one). */
export default async function ComparePage({ searchParams }: Props) {
  const params = await searchParams;
  const selection = await selectSnapshot(params.snapshot);
  return (
    <>
      <PageHeader
        title="Compare"
        description={selection.kind === 'selected' ? <SnapshotTitle snapshot={selection.snapshot} /> : 'What changed since the baseline: new internal callers, edges gained and lost, policy changes.'}
        actions={selection.kind === 'selected' ? <ButtonLink variant="secondary" href="/compare">Change snapshot</ButtonLink> : undefined}
      />
      <PageBody>
        <SnapshotGate selection={selection} basePath="/compare" purpose="compare it with a baseline">
          {(snapshot) => <CompareSnapshot current={snapshot} snapshots={selection.kind === 'selected' ? selection.snapshots : []} baselineId={first(params.baseline) ?? null} />}
        </SnapshotGate>
      </PageBody>
    </>
  );
}

async function CompareSnapshot({ current, snapshots, baselineId }: { current: SnapshotSummary; snapshots: SnapshotSummary[]; baselineId: string | null }) {
  let info;
  let baseline;
  try {
    info = await getSnapshot(current.id);
    baseline = await resolveBaseline(info, baselineId);
  } catch (error) {
    return <DatabaseError message={error instanceof Error ? error.message : String(error)} />;
  }
  const others = snapshots.filter((s) => s.id !== current.id);
  // Same cluster first: a baseline is normally an earlier snapshot of the same cluster.
  others.sort((a, b) => Number(b.cluster === current.cluster) - Number(a.cluster === current.cluster) || b.createdAt.getTime() - a.createdAt.getTime());
  const picker = (
    <Card className="p-4">
      <form method="get" action="/compare" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="snapshot" value={current.id} />
        <label className="flex flex-col text-sm text-slate-700">
          Baseline
          <select name="baseline" defaultValue={baseline?.id ?? ''} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="" disabled>
              Choose a snapshot…
            </option>
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.cluster})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass('primary')}>
          Compare
        </button>
        <BaselineButton snapshotId={current.id} isBaseline={info.isBaseline} />
      </form>
      {others.length === 0 ? <p className="mt-3 text-sm text-slate-600">This is the only snapshot: import a later (or earlier) one of the same cluster to compare.</p> : null}
    </Card>
  );
  if (!baseline) {
    return (
      <div className="space-y-6">
        {picker}
        <p className="text-sm text-slate-600">Cluster {current.cluster} has no baseline yet: choose one above, or mark a snapshot as the baseline.</p>
      </div>
    );
  }
  let result;
  try {
    result = await loadComparison(current.id, baseline.id);
  } catch (error) {
    return <DatabaseError message={error instanceof Error ? error.message : String(error)} />;
  }
  return (
    <div className="space-y-6">
      {picker}
      <p className="text-sm text-slate-600">
        Baseline: <span className="font-medium text-slate-800">{result.baseline.name}</span> ({result.baseline.cluster}){result.baseline.isBaseline ? ' — the cluster baseline' : ''}.
      </p>
      <ComparisonView comparison={result.comparison} />
    </div>
  );
}
