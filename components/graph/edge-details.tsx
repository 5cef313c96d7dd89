'use client';

import type { EdgeExplanation, GraphEdge, TimeWindow } from '@/lib/graph/model';
import { useEdgeExplanation } from '@/lib/api/graph-client';
import { countUnitText } from '@/lib/traffic/count-text';
import { formatRuleRef, type LayerDecision } from '@/lib/model/verdict';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { DetailRow, DetailSection, formatTime, RuleCode } from './detail-parts';
import { EDGE_LOOKS } from './edge-palette';
import Link from 'next/link';
import { draftDecisionHref } from '@/components/blast-radius/drafts-link';
import { EdgeSwatch } from './graph-legend';
import { RuleWithYaml } from './rule-yaml';
import { edgeKindOf } from './view-state';

const outcomeTone: Record<string, BadgeTone> = { allowed: 'success', denied: 'danger', conditional: 'warning' };
const basisText: Record<string, string> = {
  explicit: 'a rule grants it',
  default: 'allowed by default (not isolated)',
  'deny-rule': 'a rule denies it',
  'no-match': 'isolated, and no rule allows it',
  delegated: 'decided outside what Eastwest sees',
};

function LayerExplanation({ layer, snapshotId }: { layer: LayerDecision; snapshotId: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-2.5" data-testid={`layer-${layer.layer}`}>
      <div className="flex items-center gap-2">
        <span className="font-mono text-xs font-semibold">{layer.layer}</span>
        <Badge tone={outcomeTone[layer.outcome] ?? 'neutral'}>{layer.outcome}</Badge>
        <span className="text-xs text-slate-500">{basisText[layer.basis] ?? layer.basis}</span>
      </div>
      {layer.rules.length ? (
        <div className="mt-1.5 text-xs text-slate-600">
          <p>Deciding rule{layer.rules.length === 1 ? '' : 's'}:</p>
          <ul className="mt-0.5 space-y-1">
            {layer.rules.map((r) => (
              <li key={formatRuleRef(r)}>
                <RuleWithYaml snapshotId={snapshotId} rule={r} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="mt-1.5 space-y-1 text-xs text-slate-700">
        {layer.directions.map((d) => (
          <li key={d.direction}>
            <span className="font-medium">{d.direction}</span> ({d.isolated ? 'isolated' : 'not isolated'}): {d.reason}
          </li>
        ))}
        {layer.directions.length === 0 ? <li>{layer.reason}</li> : null}
        {layer.conditions?.length ? <li>Depends on: {layer.conditions.join('; ')}</li> : null}
        {layer.reported?.length ? <li>Reported only (no effect): {layer.reported.map(formatRuleRef).join(', ')}</li> : null}
      </ul>
    </div>
  );
}

export function EdgeDetails({ edge, snapshotId, window }: { edge: GraphEdge; snapshotId: string; window: TimeWindow }) {
  const kind = edgeKindOf(edge);
  const explained = useEdgeExplanation(snapshotId, edge.id, window);
  return (
    <div data-testid="edge-details">
      <div className="px-4 py-3">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Edge</p>
        <h2 className="mt-0.5 break-words font-mono text-sm font-semibold text-slate-900">
          {edge.source} → {edge.destination}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          port {edge.port}/{edge.protocol}
          {edge.appProtocol ? ` · ${edge.appProtocol}` : ''}
          {edge.infra ? ` · infra (${edge.infra})` : ''}
        </p>
        <p className="mt-2 flex items-center gap-2 text-sm font-medium" data-testid="edge-class">
          <EdgeSwatch kind={kind} />
          {EDGE_LOOKS[kind].label}
        </p>
        <p className="mt-1 text-sm text-slate-700" data-testid="edge-summary">{edge.summary}</p>
        {edge.source.includes('/') && edge.destination.includes('/') && !edge.source.startsWith('node:') ? (
          <p className="mt-2 text-xs">
            {/* Unused grants are the cheapest reach to remove; unauthorized traffic may need an explicit grant. */}
            <Link className="font-medium text-brand-600 hover:text-brand-700" href={draftDecisionHref(snapshotId, edge.class === 'unauthorized' ? 'grant' : 'drop', edge.id)} data-testid="edge-draft-link">
              {edge.class === 'unauthorized' ? 'Grant it explicitly in a draft →' : edge.class === 'unused' ? 'Draft a policy without this grant →' : 'Open in a draft →'}
            </Link>
          </p>
        ) : null}
      </div>
      <DetailSection title="Observed">
        {edge.observed ? (
          <dl className="space-y-1">
            <DetailRow label="Count">
              {edge.observed.count.toLocaleString('en-US')} {countUnitText(edge.observed.countUnit, edge.observed.count)}
            </DetailRow>
            <DetailRow label="First seen">{formatTime(edge.observed.firstSeen)}</DetailRow>
            <DetailRow label="Last seen">{formatTime(edge.observed.lastSeen)}</DetailRow>
            <DetailRow label="Verdicts">
              {Object.entries(edge.observed.verdicts)
                .map(([v, n]) => `${v} ×${n}`)
                .join(', ') || '—'}
            </DetailRow>
            <DetailRow label="Seen by">{edge.observedBy.join(', ') || '—'}</DetailRow>
          </dl>
        ) : null}
        {edge.observed?.observations ? (
          <div className="mt-2 text-xs text-slate-600" data-testid="edge-observations">
            <p>Each format saw the same traffic; the count above takes the best unit and the largest figure, not the sum:</p>
            <ul className="mt-0.5 list-disc pl-5 font-mono">
              {edge.observed.observations.map((o) => (
                <li key={`${o.observer}/${o.countUnit}`}>
                  {o.observer}: {o.count.toLocaleString('en-US')} {countUnitText(o.countUnit, o.count)}
                  {Object.keys(o.verdicts).length ? ` (${Object.entries(o.verdicts).map(([v, n]) => `${v} ×${n}`).join(', ')})` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {edge.observed ? null : <p className="text-slate-600">No matching traffic in the selected window: the grant is unused.</p>}
      </DetailSection>
      {edge.operations.length ? (
        <DetailSection title="L7 operations">
          <ul className="space-y-0.5 font-mono text-xs">
            {edge.operations.map((op, i) => (
              <li key={i}>
                {op.method ?? '*'} {op.path ?? '*'} ×{op.count}
                {Object.keys(op.verdicts).length ? <span className="text-slate-500"> ({Object.entries(op.verdicts).map(([v, n]) => `${v} ${n}`).join(', ')})</span> : null}
              </li>
            ))}
          </ul>
        </DetailSection>
      ) : null}
      <DetailSection title="Explanation per layer">
        {explained.data ? (
          <LayerExplanations x={explained.data.edge.explanation} snapshotId={snapshotId} />
        ) : explained.isError ? (
          <p className="text-sm text-red-700" data-testid="edge-explanation-error">
            The explanation could not be loaded: {explained.error.message}.{' '}
            <button type="button" className="font-medium text-brand-600" onClick={() => void explained.refetch()}>
              Try again
            </button>
          </p>
        ) : (
          <p className="text-xs text-slate-500" data-testid="edge-explanation-loading">
            Evaluating this edge on every enforcing layer…
          </p>
        )}
      </DetailSection>
      {edge.rules.length ? (
        <DetailSection title="Rules">
          <ul className="space-y-1">
            {edge.rules.map((r) => (
              <li key={formatRuleRef(r)}>
                <RuleCode>{formatRuleRef(r)}</RuleCode>
                {r.wildcard ? <span className="ml-1 text-xs text-slate-500">(any peer)</span> : null}
              </li>
            ))}
          </ul>
        </DetailSection>
      ) : null}
    </div>
  );
}

function LayerExplanations({ x, snapshotId }: { x: EdgeExplanation; snapshotId: string }) {
  return (
    <>
        <p className="text-xs text-slate-600" data-testid="edge-verdict">{x.verdict}</p>
        {x.layers.length ? x.layers.map((l) => <LayerExplanation key={l.layer} layer={l} snapshotId={snapshotId} />) : <p className="text-slate-600">No layer enforces on either end of this connection.</p>}
        {x.notes.length ? (
          <ul className="list-disc pl-5 text-xs text-slate-700">
            {x.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        {x.podPairs.disagree ? (
          <div className="rounded-md bg-amber-50 p-2 text-xs text-amber-900">
            <p className="font-medium">
              Pod pairs disagree ({x.podPairs.evaluated} of {x.podPairs.total} evaluated):
            </p>
            <ul className="list-disc pl-5">
              {x.podPairs.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </div>
        ) : null}
    </>
  );
}
