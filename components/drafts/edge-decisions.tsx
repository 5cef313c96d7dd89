'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { toEdgeId, type DraftDetailJson, type EdgeDecisionJson } from '@/lib/api/drafts';
import { decisionFor, withDrop, withGrant, withoutDecision } from './decisions';
import { EdgeLabel } from './edge-label';

type Generated = DraftDetailJson['generated'];
type Excluded = Generated['excluded'][number];

const REASONS: Record<Excluded['reason'], { label: string; tone: BadgeTone; title: string }> = {
  dropped: { label: 'dropped by you', tone: 'warning', title: 'You dropped this connection from the draft.' },
  filtered: { label: 'blocked attempt', tone: 'danger', title: 'At least one observation was denied or dropped: not legitimate traffic by default.' },
  'outside-window': { label: 'outside window', tone: 'neutral', title: 'Not seen inside the draft’s time window.' },
  'outside-scope': { label: 'outside scope', tone: 'neutral', title: 'Neither end is a workload the draft writes policies for.' },
  'unresolved-endpoint': { label: 'no policy peer', tone: 'neutral', title: 'An end that no policy can name (an unresolved address or a DNS name).' },
};

/** Only reasons where a hand-made grant can take effect (outside-scope grants are not drafted, unresolved ends cannot be named). */
const GRANTABLE = new Set<Excluded['reason']>(['filtered', 'outside-window']);

/**
 * The connections the draft grants ("drop from draft") and the observed edges it leaves out ("grant"). Every
 * click replaces the draft's decision list; the server regenerates the YAML.
 */
export function EdgeDecisions({ generated, decisions, busy, highlight, onChange }: {
  generated: Generated;
  decisions: EdgeDecisionJson[];
  busy: boolean;
  /** Edge id (`source|destination|port|protocol`) to mark, e.g. the one a deep link acted on. */
  highlight: string | null;
  onChange: (decisions: EdgeDecisionJson[]) => void;
}) {
  return (
    <div className="space-y-5">
      <section aria-labelledby="granted-heading">
        <h3 id="granted-heading" className="text-sm font-semibold text-slate-900">
          Granted <span className="font-normal text-slate-500">({generated.grants.length})</span>
        </h3>
        <ul className="mt-2 max-h-[28rem] divide-y divide-slate-100 overflow-auto rounded-md border border-slate-200" data-testid="granted-edges">
          {generated.grants.map((g) => {
            const id = toEdgeId(g);
            return (
              <li key={id} data-edge-id={id} className={`flex items-center justify-between gap-3 px-3 py-2 ${highlight === id ? 'bg-amber-50' : ''}`}>
                <div className="min-w-0">
                  <EdgeLabel {...g} operations={g.operations} />
                  <div className="mt-0.5 text-[11px] text-slate-500">
                    {g.manual ? 'granted by you, not observed' : `${g.count.toLocaleString('en')} observed · ${g.firstSeen} – ${g.lastSeen}`}
                  </div>
                </div>
                {g.manual ? (
                  <Button variant="ghost" className="shrink-0 px-2 py-1 text-xs" disabled={busy} onClick={() => onChange(withoutDecision(decisions, g))}>
                    Remove grant
                  </Button>
                ) : (
                  <Button variant="secondary" className="shrink-0 px-2 py-1 text-xs" disabled={busy} onClick={() => onChange(withDrop(decisions, g))} aria-label={`Drop ${g.source} to ${g.destination} ${g.protocol}/${g.port} from draft`}>
                    Drop from draft
                  </Button>
                )}
              </li>
            );
          })}
          {generated.grants.length === 0 ? <li className="px-3 py-3 text-sm text-slate-500">Nothing granted: the draft denies everything in scope.</li> : null}
        </ul>
      </section>

      <section aria-labelledby="excluded-heading">
        <h3 id="excluded-heading" className="text-sm font-semibold text-slate-900">
          Observed but not granted <span className="font-normal text-slate-500">({generated.excluded.length})</span>
        </h3>
        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="excluded-edges">
          {generated.excluded.map(({ edge, reason }, i) => {
            const id = toEdgeId(edge);
            const decision = decisionFor(decisions, edge);
            const r = REASONS[reason];
            return (
              <li key={`${id}|${edge.method ?? ''}|${edge.pathTemplate ?? ''}|${i}`} data-edge-id={id} className={`flex items-center justify-between gap-3 px-3 py-2 ${highlight === id ? 'bg-amber-50' : ''}`}>
                <div className="min-w-0">
                  <EdgeLabel {...edge} />
                  <div className="mt-0.5 flex items-center gap-2 text-[11px] text-slate-500">
                    <span title={r.title}>
                      <Badge tone={r.tone}>{r.label}</Badge>
                    </span>
                    {decision?.decision === 'grant' ? <Badge tone="success">granted by you</Badge> : null}
                    <span>{edge.count.toLocaleString('en')} observed</span>
                  </div>
                </div>
                {reason === 'dropped' || decision?.decision === 'grant' ? (
                  <Button variant="ghost" className="shrink-0 px-2 py-1 text-xs" disabled={busy} onClick={() => onChange(withoutDecision(decisions, edge))}>
                    {reason === 'dropped' ? 'Restore' : 'Undo grant'}
                  </Button>
                ) : GRANTABLE.has(reason) ? (
                  <Button variant="secondary" className="shrink-0 px-2 py-1 text-xs" disabled={busy} onClick={() => onChange(withGrant(decisions, edge))}>
                    Grant
                  </Button>
                ) : null}
              </li>
            );
          })}
          {generated.excluded.length === 0 ? <li className="px-3 py-3 text-sm text-slate-500">Every observed edge is granted.</li> : null}
        </ul>
      </section>
    </div>
  );
}
