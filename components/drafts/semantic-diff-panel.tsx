'use client';

import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import type { PairChangeJson, SimulationModeJson } from '@/lib/api/drafts';
import { useDiffQuery } from './draft-queries';

type PairGroup = { source: string; destination: string; ports: PairChangeJson[] };

/** Changes grouped by workload pair, ports listed per pair (the pairs × ports the issue asks for). */
function groupByPair(changes: PairChangeJson[]): PairGroup[] {
  const groups = new Map<string, PairGroup>();
  for (const c of changes) {
    const key = `${c.source}\u0000${c.destination}`;
    const group = groups.get(key) ?? { source: c.source, destination: c.destination, ports: [] };
    group.ports.push(c);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Semantic diff against the current policies: which connections the change allows or denies, not which lines changed. */
export function SemanticDiffPanel({ snapshotId, draftId, mode, version }: { snapshotId: string; draftId: string; mode: SimulationModeJson; version: string }) {
  const query = useDiffQuery(snapshotId, draftId, mode, version);
  const data = query.data;
  return (
    <Card>
      <CardHeader
        title="Semantic diff against the current policies"
        description={`Every workload pair and destination port, evaluated before and after (${mode === 'add' ? 'draft added' : 'draft replacing current'}).`}
      />
      <div className={`grid gap-5 px-5 py-4 md:grid-cols-2 ${query.isFetching ? 'opacity-60' : ''}`} data-testid="semantic-diff">
        {query.error ? <p role="alert" className="text-sm text-rose-800">{query.error.message}</p> : null}
        {!data ? <p className="text-sm text-slate-500">Comparing…</p> : (
          <>
            <PairList title="Gained" tone="warning" testId="diff-gained" groups={groupByPair(data.gained)} empty="No connection becomes allowed." />
            <PairList title="Lost" tone="danger" testId="diff-lost" groups={groupByPair(data.lost)} empty="No connection allowed today is lost." />
            {data.changed.length > 0 ? <PairList title="Otherwise changed (partial or conditional)" tone="neutral" testId="diff-changed" groups={groupByPair(data.changed)} empty="" /> : null}
            <p className="text-xs text-slate-500 md:col-span-2">{data.compared.toLocaleString('en')} (source, destination, port) questions compared.</p>
          </>
        )}
      </div>
    </Card>
  );
}

function PairList({ title, tone, testId, groups, empty }: { title: string; tone: 'warning' | 'danger' | 'neutral'; testId: string; groups: PairGroup[]; empty: string }) {
  const connections = groups.reduce((n, g) => n + g.ports.length, 0);
  return (
    <section data-testid={testId} aria-label={title}>
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <Badge tone={connections > 0 ? tone : 'neutral'}>
          {groups.length} pairs · {connections} ports
        </Badge>
      </div>
      {groups.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="mt-2 max-h-80 divide-y divide-slate-100 overflow-auto rounded-md border border-slate-200">
          {groups.map((g) => (
            <li key={`${g.source}->${g.destination}`} className="px-3 py-1.5 font-mono text-xs">
              <span className="text-slate-800">{g.source}</span> <span className="text-slate-400">→</span> <span className="text-slate-800">{g.destination}</span>{' '}
              {g.ports.map((p) => (
                <span key={`${p.protocol}/${p.port}`} className="ml-1 rounded bg-slate-100 px-1 text-[11px] text-slate-600" title={`before ${p.before}, after ${p.after}`}>
                  {p.protocol}/{p.port}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
