'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CreateDraftForm } from '@/components/drafts/create-draft-form';
import { withDrop, withGrant } from '@/components/drafts/decisions';
import { DraftEditor } from '@/components/drafts/draft-editor';
import { useCreateDraftMutation, useDeleteDraftMutation, useDraftQuery, useDraftsQuery, useUpdateDraftMutation } from '@/components/drafts/draft-queries';
import type { ScopeOptions } from '@/components/drafts/load-scope-options';
import { toEdgeId, type EdgeDecisionJson } from '@/lib/api/drafts';

/**
 * The Drafts page: the snapshot's drafts, the "new draft" form and the selected draft's editor. The URL
 * (`?snapshot=&draft=`) names the selection; a deep link's `drop=`/`grant=` edge is applied once to the named
 * draft (or the most recent one, or the draft about to be created) and then removed from the URL.
 */
export function DraftsClient({ snapshotId, options, initialDraftId, deepLink }: { snapshotId: string; options: ScopeOptions; initialDraftId: string | null; deepLink: EdgeDecisionJson | null }) {
  const drafts = useDraftsQuery(snapshotId);
  const [selectedId, setSelectedId] = useState<string | null>(initialDraftId);
  const [showForm, setShowForm] = useState(false);
  const [pending, setPending] = useState<EdgeDecisionJson | null>(deepLink);
  const [highlight, setHighlight] = useState<string | null>(deepLink ? toEdgeId(deepLink) : null);
  const create = useCreateDraftMutation(snapshotId);
  const remove = useDeleteDraftMutation(snapshotId);
  const update = useUpdateDraftMutation(snapshotId);

  const list = drafts.data ?? [];
  const effectiveId = showForm ? null : (selectedId ?? list[0]?.id ?? null);
  const detail = useDraftQuery(snapshotId, effectiveId);

  const select = (id: string | null) => {
    setSelectedId(id);
    setShowForm(false);
    // The native history API keeps Next's router in sync without re-running the server page.
    window.history.replaceState(null, '', `/drafts?snapshot=${encodeURIComponent(snapshotId)}${id ? `&draft=${encodeURIComponent(id)}` : ''}`);
  };

  // Apply a deep link's decision once the target draft is loaded (a ref guards against a second run).
  const applied = useRef(false);
  useEffect(() => {
    if (!pending || applied.current || !detail.data || detail.data.draft.id !== effectiveId) return;
    applied.current = true;
    const { draft } = detail.data;
    const decisions = pending.decision === 'drop' ? withDrop(draft.decisions, pending) : withGrant(draft.decisions, pending);
    update.mutate({ draftId: draft.id, decisions }, { onSettled: () => setPending(null) });
    select(draft.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the target draft arrives, once
  }, [pending, detail.data, effectiveId]);

  const noDrafts = drafts.isSuccess && list.length === 0;
  const formVisible = showForm || noDrafts;

  return (
    <div className="space-y-6">
      <nav aria-label="Drafts" className="flex flex-wrap items-center gap-2">
        {list.map((d) => (
          <button
            key={d.id}
            type="button"
            onClick={() => select(d.id)}
            aria-current={d.id === effectiveId ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${d.id === effectiveId ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            {d.name}
          </button>
        ))}
        {!formVisible ? (
          <Button variant="secondary" onClick={() => setShowForm(true)}>
            New draft
          </Button>
        ) : null}
      </nav>

      {drafts.error ? <p role="alert" className="text-sm text-rose-800">{drafts.error.message}</p> : null}

      {formVisible ? (
        <CreateDraftForm
          options={options}
          pending={pending}
          creating={create.isPending}
          error={create.error?.message ?? null}
          onCancel={list.length > 0 ? () => setShowForm(false) : undefined}
          onCreate={(input) =>
            create.mutate(input, {
              onSuccess: (created) => {
                if (pending) applied.current = true;
                setPending(null);
                select(created.draft.id);
              },
            })
          }
        />
      ) : detail.data ? (
        <DraftEditor
          snapshotId={snapshotId}
          detail={detail.data}
          highlight={highlight}
          deleting={remove.isPending}
          onDelete={() => {
            if (!window.confirm(`Delete the draft "${detail.data?.draft.name}"?`)) return;
            remove.mutate(detail.data?.draft.id ?? '', { onSuccess: () => { setHighlight(null); select(null); } });
          }}
        />
      ) : detail.error ? (
        <p role="alert" className="text-sm text-rose-800">{detail.error.message}</p>
      ) : (
        <p className="text-sm text-slate-500">Loading…</p>
      )}
    </div>
  );
}
