'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import type { DraftDetailJson, DraftJson, EdgeDecisionJson, SimulationModeJson } from '@/lib/api/drafts';
import { EdgeDecisions } from './edge-decisions';
import { KindPicker } from './kind-picker';
import { ModeToggle } from './mode-toggle';
import { SemanticDiffPanel } from './semantic-diff-panel';
import { WhatIfPanel } from './what-if-panel';
import { YamlView } from './yaml-view';
import { useUpdateDraftMutation } from './draft-queries';

function describeScope(scope: DraftJson['scope']): string {
  const base = scope.kind === 'namespace' ? `namespace ${scope.namespaces.join(', ')}` : scope.kind === 'workloads' ? `workloads ${scope.workloads.join(', ')}` : 'whole snapshot';
  const timeWindow = scope.from || scope.to ? ` · traffic ${scope.from ?? '…'} – ${scope.to ?? '…'}` : ' · all traffic';
  return base + timeWindow;
}

/** One draft: output kinds, generated YAML, edge decisions, what-if, semantic diff and export. */
export function DraftEditor({ snapshotId, detail, highlight, onDelete, deleting }: { snapshotId: string; detail: DraftDetailJson; highlight: string | null; onDelete: () => void; deleting: boolean }) {
  const { draft, generated } = detail;
  const update = useUpdateDraftMutation(snapshotId);
  const [mode, setMode] = useState<SimulationModeJson>('add');
  const setDecisions = (decisions: EdgeDecisionJson[]) => update.mutate({ draftId: draft.id, decisions });
  const exportUrl = (format: 'yaml' | 'zip') => `/api/drafts/${encodeURIComponent(draft.id)}/export?format=${format}`;
  const problems = generated.diagnostics.filter((d) => d.severity !== 'info');

  return (
    <div className="space-y-6" data-testid="draft-editor" data-draft-id={draft.id}>
      <Card>
        <CardHeader
          title={<span data-testid="draft-name">{draft.name}</span>}
          description={describeScope(draft.scope)}
          actions={
            <div className="flex shrink-0 items-center gap-2">
              <a className={buttonClass('secondary')} href={exportUrl('yaml')} download>
                Download YAML
              </a>
              <a className={buttonClass('primary')} href={exportUrl('zip')} download>
                Download zip
              </a>
              <Button variant="ghost" disabled={deleting} onClick={onDelete}>
                Delete
              </Button>
            </div>
          }
        />
        <div className="flex flex-wrap items-end justify-between gap-4 px-5 py-4">
          <KindPicker value={draft.kinds} disabled={update.isPending} onChange={(kinds) => update.mutate({ draftId: draft.id, kinds })} />
          <div className="flex items-center gap-2 text-xs text-slate-500">
            <Badge>{generated.documents} documents</Badge>
            <Badge>{generated.grants.length} grants</Badge>
            {update.isPending ? <span role="status">Regenerating…</span> : null}
          </div>
        </div>
        {update.error ? (
          <p role="alert" className="mx-5 mb-4 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">
            {update.error.message}
          </p>
        ) : null}
        {problems.length > 0 ? (
          <ul className="mx-5 mb-4 space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" aria-label="Draft diagnostics">
            {problems.map((d, i) => (
              <li key={i}>
                <span className="font-medium">{d.severity}</span> {d.code}: {d.message}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader title="Generated YAML" description="Deterministic: the same snapshot and decisions give byte-identical output." />
          <div className="px-5 py-4">
            <YamlView yaml={generated.yaml} label="Generated YAML" />
          </div>
        </Card>
        <Card>
          <CardHeader title="Edges" description="Drop observed connections you do not want, or grant ones the draft left out." />
          <div className="px-5 py-4">
            <EdgeDecisions generated={generated} decisions={draft.decisions} busy={update.isPending} highlight={highlight} onChange={setDecisions} />
          </div>
        </Card>
      </div>

      <WhatIfPanel snapshotId={snapshotId} draftId={draft.id} mode={mode} version={draft.updatedAt} modeToggle={<ModeToggle value={mode} onChange={setMode} />} />
      <SemanticDiffPanel snapshotId={snapshotId} draftId={draft.id} mode={mode} version={draft.updatedAt} />
    </div>
  );
}
