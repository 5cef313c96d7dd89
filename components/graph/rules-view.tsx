'use client';

import { useMemo, type ReactNode } from 'react';
import { useGraphRulesQuery } from '@/lib/api/graph-client';
import type { TimeWindow } from '@/lib/graph/model';
import { formatTime } from './detail-parts';
import { GraphMessage } from './graph-message';
import { groupRules, sourceOf } from './rule-groups';
import { DiagnosticRow, UnusedRuleRow, WildcardRuleRow } from './rule-rows';
import { RULE_SORTS, type RuleSort } from './view-state';

const SORT_LABELS: Record<RuleSort, string> = { rule: 'Rule', file: 'Policy file', lastMatched: 'Last match (never first)' };

function Section({ id, title, count, hint, empty, children }: { id: string; title: string; count: number; hint: string; empty: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`rules-${id}`} data-testid={`rules-${id}`} data-count={count} className="space-y-2">
      <div>
        <h2 id={`rules-${id}`} className="text-sm font-semibold text-slate-900">
          {title} <span className="tabular-nums text-slate-500">({count})</span>
        </h2>
        <p className="text-xs text-slate-600">{hint}</p>
      </div>
      {count ? <ul className="space-y-2">{children}</ul> : <p className="text-sm text-slate-500">{empty}</p>}
    </section>
  );
}

const windowText = (w: TimeWindow): string => (w.from || w.to ? `${w.from ? formatTime(w.from) : 'the first record'} to ${w.to ? formatTime(w.to) : 'the last record'}` : 'all imported traffic');

/**
 * The explorer's Rules view: the window's dangling rules, the rules no traffic matched (with their last match),
 * the wildcard rules with their usage and the policies' diagnostics, from `GET graph/rules`. Only the time window
 * applies: the other filters select edges, and a rule that matched nothing has none.
 */
export function RulesView({ snapshotId, window, sort, onSort }: { snapshotId: string; window: TimeWindow; sort: RuleSort; onSort(sort: RuleSort): void }) {
  const rules = useGraphRulesQuery(snapshotId, window);
  const groups = useMemo(() => (rules.data ? groupRules(rules.data, sort) : null), [rules.data, sort]);
  if (rules.isError && !rules.data) {
    return (
      <GraphMessage tone="error" title="The rules could not be loaded" action={{ label: 'Try again', onClick: () => void rules.refetch() }}>
        {rules.error.message}
      </GraphMessage>
    );
  }
  if (!groups || !rules.data) return <GraphMessage title="Listing the rules no traffic used…" busy />;
  const sources = rules.data.policySources;
  const errors = groups.diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <div className="h-full overflow-y-auto bg-slate-50 px-6 py-4" data-testid="rules-view">
      <div className="mx-auto max-w-5xl space-y-6">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <p className="text-sm text-slate-600">
            Rules as the traffic of <span className="font-medium text-slate-900">{windowText(window)}</span> used them. Only the time window applies here.
          </p>
          <div role="group" aria-label="Sort the rules by" className="flex items-center gap-1 text-xs">
            <span className="text-slate-500">Sort by</span>
            {RULE_SORTS.map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={sort === s}
                onClick={() => onSort(s)}
                className={`rounded px-2 py-1 font-medium ${sort === s ? 'bg-slate-900 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100'}`}
              >
                {SORT_LABELS[s]}
              </button>
            ))}
          </div>
        </div>
        {!groups.dangling.length && !groups.unused.length ? (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="rules-all-used">
            Every rule matched traffic in this window.
          </p>
        ) : null}
        <Section id="dangling" title="Dangling rules" count={groups.dangling.length} hint="Their peer or target matches no workload, pod, namespace or ServiceAccount: they select nothing and are candidates for deletion. When only a part of a rule matches nothing, remove that part and keep the rule." empty="No dangling rule.">
          {groups.dangling.map((r) => (
            <UnusedRuleRow key={r.ref} snapshotId={snapshotId} rule={r} source={sourceOf(sources, r)} group="dangling" />
          ))}
        </Section>
        <Section id="unused" title="Rules no traffic matched in this window" count={groups.unused.length} hint="Each with the last time any imported traffic matched it (“never” if none did)." empty="Every rule matched traffic in this window.">
          {groups.unused.map((r) => (
            <UnusedRuleRow key={r.ref} snapshotId={snapshotId} rule={r} source={sourceOf(sources, r)} group="unused" />
          ))}
        </Section>
        <Section id="wildcard" title="Wildcard rules" count={groups.wildcard.length} hint="Rules whose peer is anything, shown once instead of one edge per possible peer." empty="No rule allows any peer.">
          {groups.wildcard.map((r) => (
            <WildcardRuleRow key={r.ref} snapshotId={snapshotId} rule={r} source={sourceOf(sources, r)} />
          ))}
        </Section>
        <Section
          id="diagnostics"
          title="Policy diagnostics"
          count={groups.diagnostics.length}
          hint={`Problems found in the policies, errors first${errors ? ` (${errors})` : ''}. An invalid-policy error is a policy the API server would reject: the analysis ignores it.`}
          empty="No problem found in the policies."
        >
          {groups.diagnostics.map((d, i) => (
            <DiagnosticRow key={`${d.code}|${d.file ?? ''}|${d.line ?? ''}|${i}`} diagnostic={d} />
          ))}
        </Section>
      </div>
    </div>
  );
}
