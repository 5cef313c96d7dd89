import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { DatabaseError } from './database-error';
import { SnapshotPicker } from './snapshot-picker';
import type { SnapshotSelection } from './select-snapshot';
import type { SnapshotSummary } from './snapshot-summary';

/**
 * The states every snapshot-scoped page shares: database error, no snapshots, unknown id, and
 * "select a snapshot". Renders `children(snapshot)` only once a snapshot is selected.
 */
export function SnapshotGate({
  selection,
  basePath,
  purpose,
  children,
}: {
  selection: SnapshotSelection;
  basePath: string;
  /** Completes "Select a snapshot to …". */
  purpose: string;
  children: (snapshot: SnapshotSummary) => ReactNode;
}) {
  switch (selection.kind) {
    case 'error':
      return <DatabaseError message={selection.message} />;
    case 'selected':
      return children(selection.snapshot);
    case 'none':
    case 'not-found':
      if (selection.snapshots.length === 0) {
        return (
          <EmptyState title="No snapshots yet" actions={<ButtonLink href="/import">Import data</ButtonLink>}>
            <p>Import inventory, policies and traffic first; then select the snapshot here to {purpose}.</p>
          </EmptyState>
        );
      }
      return (
        <div className="space-y-4">
          {selection.kind === 'not-found' ? (
            <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              No snapshot has the id <code className="font-mono text-xs">{selection.id}</code>; it may have been deleted. Pick one below.
            </p>
          ) : null}
          <div>
            <h2 className="text-base font-semibold text-slate-900">Select a snapshot</h2>
            <p className="mt-0.5 text-sm text-slate-600">Choose the snapshot to {purpose}.</p>
          </div>
          <SnapshotPicker snapshots={selection.snapshots} basePath={basePath} />
        </div>
      );
  }
}
