import { ButtonLink } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { DatabaseError } from '@/components/snapshots/database-error';
import { loadSnapshots } from '@/components/snapshots/load-snapshots';
import { SnapshotTable } from '@/components/snapshots/snapshot-table';
import { RiskiestList } from '@/components/blast-radius/riskiest-list';

// The list changes with every import: always read it from the database at request time.
export const dynamic = 'force-dynamic';

export default async function SnapshotsPage() {
  const snapshots = await loadSnapshots();
  return (
    <>
      <PageHeader
        title="Snapshots"
        description="Each snapshot is one import scope: a cluster's inventory, its policies and the traffic observed in a time window."
        actions={<ButtonLink href="/import">Import data</ButtonLink>}
      />
      <PageBody>
        {!snapshots.ok ? (
          <DatabaseError message={snapshots.message} />
        ) : snapshots.value.length === 0 ? (
          <EmptyState title="No snapshots yet" actions={<ButtonLink href="/import">Import your first snapshot</ButtonLink>}>
            <p>
              Import Kubernetes manifests, policies and traffic logs (Hubble, Envoy/Istio, Linkerd, VPC flow logs, CSV) to build a
              snapshot. <code className="font-mono text-xs">npm start</code> loads the Online Boutique demo into an empty database.
            </p>
          </EmptyState>
        ) : (
          <Card>
            <CardHeader
              title={`${snapshots.value.length} snapshot${snapshots.value.length === 1 ? '' : 's'}`}
              description="Open a snapshot's graph to see who talks to whom, and who is allowed to."
            />
            <SnapshotTable snapshots={snapshots.value} />
          </Card>
        )}
        {snapshots.ok && snapshots.value.length > 0 ? <RiskiestCard snapshot={snapshots.value.find((s) => s.isDemo) ?? snapshots.value[0]!} /> : null}
      </PageBody>
    </>
  );
}

/** The ranked riskiest workloads of the demo snapshot (or the newest one): where an attacker would like to land. */
function RiskiestCard({ snapshot }: { snapshot: { id: string; name: string } }) {
  return (
    <Card>
      <CardHeader
        title={`Top 10 riskiest workloads · ${snapshot.name}`}
        description="The largest blast radius: how many workloads each one could reach over policy-allowed connections if compromised. Cluster DNS, the mesh control plane and the API server count as reached but are not walked on from."
        actions={<ButtonLink variant="secondary" href={`/graph?snapshot=${snapshot.id}&mode=blast`}>Blast radius</ButtonLink>}
      />
      <RiskiestList snapshotId={snapshot.id} />
    </Card>
  );
}
