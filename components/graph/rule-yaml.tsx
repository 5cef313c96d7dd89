'use client';

import { useState } from 'react';
import { useRuleYamlQuery } from '@/lib/api/graph-client';
import { formatRuleRef, type RuleRef } from '@/lib/model/verdict';
import { RuleCode } from './detail-parts';

/** A deciding rule with its YAML excerpt behind a disclosure (fetched on first open). */
export function RuleWithYaml({ snapshotId, rule }: { snapshotId: string; rule: RuleRef }) {
  const [open, setOpen] = useState(false);
  const yaml = useRuleYamlQuery(snapshotId, rule, open);
  const ref = formatRuleRef(rule);
  return (
    <details className="group" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="rule-yaml">
      <summary className="cursor-pointer list-none">
        <RuleCode>{ref}</RuleCode>
        {rule.wildcard ? <span className="ml-1 text-[11px] text-slate-500">(any peer)</span> : null}
        <span className="ml-1 text-[11px] font-medium text-brand-600 group-open:hidden">YAML ▸</span>
      </summary>
      <div className="mt-1">
        {yaml.isPending ? (
          <p className="text-xs text-slate-500">Loading the rule&apos;s YAML…</p>
        ) : yaml.isError ? (
          <p className="text-xs text-rose-800">No YAML for this rule: {yaml.error.message}</p>
        ) : (
          <>
            <p className="text-[11px] text-slate-500">
              {yaml.data.file}:{yaml.data.line}
              {yaml.data.exact ? '' : rule.path ? ' (the rule path was not found: the whole policy)' : ' (the whole policy decided)'}
            </p>
            <pre className="mt-0.5 max-h-64 overflow-auto rounded bg-slate-900 p-2 font-mono text-[11px] leading-snug text-slate-100">{yaml.data.excerpt}</pre>
          </>
        )}
      </div>
    </details>
  );
}
