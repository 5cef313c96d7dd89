import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import type { Comparison, EdgeChange } from '@/lib/findings';
import { DataTable, mono } from './data-table';

function classBadge(e: Pick<EdgeChange, 'class' | 'state'>) {
  if (e.class === 'unauthorized') return <Badge tone={e.state === 'unprotected' ? 'warning' : 'danger'}>unauthorized ({e.state})</Badge>;
  return <Badge tone={e.class === 'allowed' ? 'success' : 'neutral'}>{e.class}</Badge>;
}

const edgeRows = (edges: EdgeChange[]) => edges.map((e) => [mono(e.source), mono(e.destination), `${e.port}/${e.protocol}`, classBadge(e), String(e.count), e.lastSeen]);

/** The comparison page body: the new internal callers first (the headline), then everything else that changed. */
export function ComparisonView({ comparison: c }: { comparison: Comparison }) {
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={`New internal callers (${c.newCallers.length})`} description="Workloads calling a destination they never called in the baseline." />
        <DataTable
          label="New internal callers"
          headers={['Source', 'Destination', 'Port', 'First seen', 'Class']}
          empty="No new caller since the baseline."
          rows={c.newCallers.map((n) => [mono(n.source), mono(n.destination), `${n.port}/${n.protocol}`, n.firstSeen, classBadge(n)])}
        />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={`New edges (${c.newEdges.length})`} />
          <DataTable label="New edges" headers={['Source', 'Destination', 'Port', 'Class', 'Count', 'Last seen']} empty="No new edge." rows={edgeRows(c.newEdges)} />
        </Card>
        <Card>
          <CardHeader title={`Edges gone (${c.goneEdges.length})`} />
          <DataTable label="Edges gone" headers={['Source', 'Destination', 'Port', 'Class', 'Count', 'Last seen']} empty="No edge disappeared." rows={edgeRows(c.goneEdges)} />
        </Card>
      </div>
      <Card>
        <CardHeader title={`Policy changes: ${c.policyChanges.gained.length} connections gained, ${c.policyChanges.lost.length} lost`} description={`Semantic: what the policies allow between workloads (${c.policyChanges.compared} questions compared), not a text diff.`} />
        <DataTable
          label="Policy changes"
          headers={['Change', 'Source', 'Destination', 'Port']}
          empty="The policies allow the same connections."
          rows={[
            ...c.policyChanges.gained.map((g) => [<Badge key="g" tone="warning">gained</Badge>, mono(g.source), mono(g.destination), `${g.port}/${g.protocol}`]),
            ...c.policyChanges.lost.map((g) => [<Badge key="l">lost</Badge>, mono(g.source), mono(g.destination), `${g.port}/${g.protocol}`]),
            ...c.policyChanges.changed.map((g) => [<Badge key="c">{`${g.before} → ${g.after}`}</Badge>, mono(g.source), mono(g.destination), `${g.port}/${g.protocol}`]),
          ]}
        />
      </Card>
      <Card>
        <CardHeader title="Blast radius of the riskiest workloads" description="Workloads reachable by policy, baseline → current." />
        <DataTable
          label="Blast radius changes"
          headers={['Workload', 'Baseline', 'Current', 'Change']}
          empty="No workload."
          rows={c.blastRadius.map((b) => [mono(b.workload), b.before === null ? '–' : String(b.before), b.after === null ? '–' : String(b.after), b.delta === 0 ? '0' : b.delta > 0 ? `+${b.delta}` : String(b.delta)])}
        />
      </Card>
    </div>
  );
}
