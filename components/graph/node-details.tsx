'use client';

import type { GraphEdge, GraphNode, TimeWindow } from '@/lib/graph/model';
import { useNodePolicies } from '@/lib/api/graph-client';
import { useSensitivityQuery } from '@/lib/api/crown-jewels-client';
import { formatRuleRef } from '@/lib/model/verdict';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CrownJewelToggle } from '@/components/blast-radius/crown-jewel-toggle';
import { SensitivityBadge, sensitivityReasonText } from '@/components/findings/sensitivity-badge';
import { DetailRow, DetailSection, RuleCode } from './detail-parts';
import { isolationText } from './isolation-text';
import { selectingEffectText } from './selecting-text';
import { edgeKindOf, type EdgeKind } from './view-state';

export interface NodeDetailsProps {
  node: GraphNode;
  snapshotId: string;
  /** Every edge of the window (unfiltered), to count callers. */
  edges: readonly GraphEdge[];
  /** The graph's window: the node panel asks for the node of that window's graph. */
  window: TimeWindow;
  onAssumeCompromised?(): void;
  onShowExposure?(): void;
}

const isWorkload = (n: GraphNode) => n.kind === 'workload' || n.kind === 'pod' || n.kind === 'infra';

export function NodeDetails({ node, snapshotId, edges, window, onAssumeCompromised, onShowExposure }: NodeDetailsProps) {
  const inbound = edges.filter((e) => e.destination === node.id);
  const outbound = edges.filter((e) => e.source === node.id);
  const count = (list: readonly GraphEdge[]) => {
    const c: Record<EdgeKind, number> = { allowed: 0, denied: 0, unprotected: 0, unused: 0 };
    for (const e of list) c[edgeKindOf(e)]++;
    return (Object.entries(c) as [EdgeKind, number][]).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
  };
  const policies = useNodePolicies(snapshotId, node.id, window);
  // The snapshot's sensitivity, as Findings and blast radius show it (not only the paths this window's edges carry).
  const sensitivity = useSensitivityQuery(snapshotId).data?.sensitivity.find((s) => s.workload === node.id);
  return (
    <div data-testid="node-details">
      <div className="px-4 py-3">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{node.workloadKind ?? node.kind}</p>
        <h2 className="mt-0.5 break-words font-mono text-sm font-semibold text-slate-900">{node.id}</h2>
        <div className="mt-2 flex flex-wrap gap-1.5">
          {node.unprotected.ingress ? <Badge tone="warning">unprotected ingress</Badge> : null}
          {node.unprotected.egress ? <Badge tone="warning">unprotected egress</Badge> : null}
          {node.badges
            .filter((b) => !b.startsWith('unprotected'))
            .map((b) => (
              <Badge key={b}>{b}</Badge>
            ))}
        </div>
        {sensitivity ? (
          <div className="mt-2 space-y-0.5" data-testid="node-sensitivity">
            <SensitivityBadge sensitivity={sensitivity} />
            <p className="text-xs text-slate-500">{sensitivity.reasons.map(sensitivityReasonText).join('; ')}</p>
          </div>
        ) : null}
        {isWorkload(node) ? (
          <div className="mt-3 flex flex-wrap gap-2">
            {onAssumeCompromised ? (
              <Button variant="primary" className="px-2.5 py-1.5 text-xs" onClick={onAssumeCompromised} data-testid="assume-compromised">
                Assume compromised
              </Button>
            ) : null}
            {onShowExposure ? (
              <Button variant="secondary" className="px-2.5 py-1.5 text-xs" onClick={onShowExposure}>
                Who can reach it?
              </Button>
            ) : null}
            {node.namespace ? <CrownJewelToggle snapshotId={snapshotId} workload={node.id} /> : null}
          </div>
        ) : null}
      </div>
      <DetailSection title="Workload">
        <dl className="space-y-1">
          {node.namespace ? <DetailRow label="Namespace">{node.namespace}</DetailRow> : null}
          <DetailRow label="Service account">{node.serviceAccount ?? '—'}</DetailRow>
          <DetailRow label="Pods">{node.pods}</DetailRow>
          <DetailRow label="Ingress">{isolationText(node, 'ingress')}</DetailRow>
          <DetailRow label="Egress">{isolationText(node, 'egress')}</DetailRow>
          <DetailRow label="Callers">{count(inbound)}</DetailRow>
          <DetailRow label="Calls">{count(outbound)}</DetailRow>
        </dl>
      </DetailSection>
      <DetailSection title="Labels">
        {Object.keys(node.labels).length ? (
          <ul className="flex flex-wrap gap-1">
            {Object.entries(node.labels).map(([k, v]) => (
              <li key={k}>
                <RuleCode>{`${k}=${v}`}</RuleCode>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">No labels.</p>
        )}
      </DetailSection>
      <DetailSection title="Policies selecting it">
        {policies.data ? (
          policies.data.policies.length ? (
            <ul className="space-y-1.5" data-testid="node-policies">
              {policies.data.policies.map((p) => (
                <li key={`${p.layer}|${formatRuleRef(p.ref)}`} className="rounded-md border border-slate-200 px-2 py-1.5">
                  <div className="flex flex-wrap items-center gap-1.5">
                    <span className="font-mono text-xs font-semibold">{p.layer}</span>
                    <RuleCode>{formatRuleRef(p.ref)}</RuleCode>
                  </div>
                  <p className="mt-0.5 text-xs text-slate-700">{selectingEffectText(p)}</p>
                  {p.note ? <p className="text-xs text-slate-500">{p.note}</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-500">No policy of any layer selects it{node.unprotected.ingress && node.unprotected.egress ? ': it is not isolated in either direction.' : '.'}</p>
          )
        ) : policies.isError ? (
          <p className="text-sm text-red-700">The policies could not be loaded: {policies.error.message}.</p>
        ) : (
          <p className="text-xs text-slate-500">Reading the policies that select it…</p>
        )}
        <p className="text-xs text-slate-500">Read from each policy&apos;s selector, subject or mesh attachment, whether or not it decides any of its edges; the same in every time window.</p>
      </DetailSection>
    </div>
  );
}
