import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { leakEvidenceText, type Findings } from '@/lib/findings';
import { DataTable, mono, pct } from './data-table';
import { SensitivityBadge, sensitivityReasonText } from './sensitivity-badge';

const SEVERITY_TONE = { critical: 'danger', high: 'warning', medium: 'neutral' } as const;

/** The findings page body: environment leaks first (they need action), then the API inventory and sensitivity. */
export function FindingsView({ findings }: { findings: Findings }) {
  const { environmentLeaks, apiInventory, environments, sensitivity, riskiest } = findings;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title={`Environment leaks (${environmentLeaks.length})`}
          description={`Observed or policy-allowed edges between environments. Environments: ${environments.map((e) => `${e.namespace}=${e.environment}`).join(', ') || 'none known'}.`}
        />
        <DataTable
          label="Environment leaks"
          headers={['Severity', 'Source', 'Destination', 'Port', 'Environments', 'Evidence']}
          empty="No edge crosses environments."
          rows={environmentLeaks.map((l) => [
            <span key="s" className="inline-flex gap-1">
              <Badge tone={SEVERITY_TONE[l.severity]}>{l.severity}</Badge>
              {l.blocked ? <Badge>blocked</Badge> : null}
            </span>,
            mono(l.source),
            mono(l.destination),
            l.port === null ? 'any' : `${l.port}/${l.protocol}`,
            `${l.sourceEnvironment} → ${l.destinationEnvironment}`,
            leakEvidenceText(l),
          ])}
        />
      </Card>

      <Card>
        <CardHeader title={`API inventory (${apiInventory.length} services)`} description="Per service: operations, callers, how calls ended (shares of 403, 401, 5xx and dropped attempts), and the rules that govern them." />
        <DataTable
          label="API inventory"
          headers={['Service', 'Operations', 'Callers (count, last seen)', '403', '401', '5xx', 'Dropped', 'Rules']}
          empty="No observed service traffic."
          rows={apiInventory.map((a) => [
            <span key="svc" className="space-y-1">
              {mono(a.service)}
              {a.sensitivity ? (
                <span className="block">
                  <SensitivityBadge sensitivity={a.sensitivity} />
                </span>
              ) : null}
            </span>,
            <ul key="ops">
              {a.operations.map((o) => (
                <li key={`${o.port}${o.operation}`} className="font-mono text-xs">
                  {o.operation}
                  {o.appProtocol ? ` (${o.appProtocol})` : ''} · {o.count}
                </li>
              ))}
            </ul>,
            <ul key="callers">
              {a.callers.map((c) => (
                <li key={c.source} className="font-mono text-xs">
                  {c.source} · {c.count} · {c.lastSeen}
                </li>
              ))}
            </ul>,
            pct(a.status.shares.forbidden),
            pct(a.status.shares.unauthenticated),
            pct(a.status.shares['server-error']),
            pct(a.status.shares.dropped),
            <ul key="rules">
              {a.rules.map((r) => (
                <li key={r} className="font-mono text-xs">
                  {r}
                </li>
              ))}
            </ul>,
          ])}
        />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Sensitive services" description="From crown-jewel tags, label rules, data-store ports and names, observed paths (/admin, /internal, payment, user data) and service names. Blast radius and the graph mark the same workloads." />
          <DataTable
            label="Sensitive services"
            headers={['Workload', 'Level', 'Why']}
            empty="No sensitive service found."
            rows={sensitivity.map((s) => [mono(s.workload), <SensitivityBadge key="level" sensitivity={s} />, s.reasons.map(sensitivityReasonText).join('; ')])}
          />
        </Card>
        <Card>
          <CardHeader title="Riskiest workloads" description="Largest blast radius by policy; shared infrastructure (DNS, mesh control plane, API server) is reached but not walked on from." />
          <DataTable label="Riskiest workloads" headers={['Workload', 'Reachable', 'Crown jewels reached']} empty="No workload." rows={riskiest.map((r) => [mono(r.workload), `${r.reachable} (${pct(r.share)})`, r.crownJewelsReached.join(', ')])} />
        </Card>
      </div>
    </div>
  );
}
