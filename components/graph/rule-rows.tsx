'use client';

import type { ReactNode } from 'react';
import type { PolicySource } from '@/lib/api/graph-rules';
import type { UnusedRule, WildcardRule } from '@/lib/graph/model';
import type { Diagnostic } from '@/lib/model/diagnostics';
import { Badge } from '@/components/ui/badge';
import { formatTime, RuleCode } from './detail-parts';
import { extraFields, fieldLabel, wildcardText } from './rule-groups';
import { RuleWithYaml } from './rule-yaml';

/** Rows of the Rules view (rules-view.tsx): one rule or diagnostic each, with where it was written. */

const Where = ({ source }: { source?: PolicySource }) =>
  source ? (
    <span className="font-mono" data-testid="rule-source">
      {source.file}:{source.line}
    </span>
  ) : (
    <span className="text-slate-400">file unknown</span>
  );

const lastMatchText = (lastMatched: string | null): string => (lastMatched ? formatTime(lastMatched) : 'never');

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="mt-1 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-0.5 text-xs">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 break-words text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const rowClass = 'rounded-md border border-slate-200 bg-white px-3 py-2';

/** A dangling rule or a rule no traffic in the window matched: reference and YAML, why, last match, policy file. */
export function UnusedRuleRow({ snapshotId, rule, source, group }: { snapshotId: string; rule: UnusedRule; source?: PolicySource; group: 'dangling' | 'unused' }) {
  const extra = extraFields(rule).map(([k, v]): [string, ReactNode] => [fieldLabel(k), v]);
  return (
    <li className={rowClass} data-testid="rule-row" data-group={group} data-ref={rule.ref}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1">
          <RuleWithYaml snapshotId={snapshotId} rule={rule.rule} />
        </div>
        {rule.layer ? <Badge>{rule.layer}</Badge> : null}
      </div>
      <p className="mt-1 text-sm text-slate-700" data-testid="rule-reason">
        {rule.reason}
      </p>
      <Facts
        items={[
          [rule.partOf ? 'This part matched' : 'Last matched', <span key="last" data-testid="rule-last-matched">{lastMatchText(rule.lastMatched)}</span>],
          // Only a part of the rule matches nothing: the rule stays (its other peers may carry traffic), the part goes.
          ...(rule.partOf
            ? ([
                ['Part of', <RuleCode key="part">{rule.partOf.ref}</RuleCode>],
                ['Rule last matched', <span key="rule-last" data-testid="rule-part-of-last-matched">{lastMatchText(rule.partOf.lastMatched)}</span>],
              ] as [string, ReactNode][])
            : []),
          ['Policy', <Where key="where" source={source} />],
          ...extra,
        ]}
      />
    </li>
  );
}

/** A rule whose peer is "anything", once: which workloads it opens, and how much observed traffic it allowed. */
export function WildcardRuleRow({ snapshotId, rule, source }: { snapshotId: string; rule: WildcardRule; source?: PolicySource }) {
  const extra = extraFields(rule).map(([k, v]): [string, ReactNode] => [fieldLabel(k), v]);
  return (
    <li className={rowClass} data-testid="rule-row" data-group="wildcard" data-ref={rule.ref}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="font-mono text-sm font-semibold text-slate-900" data-testid="wildcard-text">
          {wildcardText(rule)}
        </p>
        {rule.layer ? <Badge>{rule.layer}</Badge> : null}
      </div>
      <div className="mt-1">
        <RuleWithYaml snapshotId={snapshotId} rule={rule.rule} />
      </div>
      <Facts
        items={[
          ['Direction', rule.direction],
          ['Used by', <span key="used" data-testid="wildcard-used-by">{`${rule.usedBy} observed edge${rule.usedBy === 1 ? '' : 's'} in the window`}</span>],
          ['Last matched', lastMatchText(rule.lastMatched)],
          ['Policy', <Where key="where" source={source} />],
          ...extra,
        ]}
      />
    </li>
  );
}

const SEVERITY_TONE = { error: 'danger', warning: 'warning', info: 'neutral' } as const;

/** One problem the evaluator found in the snapshot's policies, where it is. */
export function DiagnosticRow({ diagnostic: d }: { diagnostic: Diagnostic }) {
  return (
    <li className={rowClass} data-testid="diagnostic-row" data-severity={d.severity} data-code={d.code}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={SEVERITY_TONE[d.severity]}>{d.severity}</Badge>
        <code className="font-mono text-[11px] text-slate-600">{d.code}</code>
        <span className="font-mono text-xs text-slate-600">{d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}` : 'no file'}</span>
      </div>
      <p className="mt-1 break-words text-sm text-slate-800">{d.message}</p>
    </li>
  );
}
