'use client';

import type { SnapshotSummary } from '@/components/snapshots/snapshot-summary';

export type NewSnapshot = { name: string; cluster: string; environment: string };
export type Target = { mode: 'existing'; id: string } | ({ mode: 'new' } & NewSnapshot);

export function isTargetComplete(target: Target): boolean {
  return target.mode === 'existing' ? target.id !== '' : [target.name, target.cluster, target.environment].every((v) => v.trim() !== '');
}

/** Names are unique per cluster: a new snapshot's name already used there would be refused (HTTP 409). */
export function takenSnapshotName(target: Target, snapshots: readonly SnapshotSummary[]): string | null {
  if (target.mode !== 'new') return null;
  const [name, cluster] = [target.name.trim(), target.cluster.trim()];
  if (!snapshots.some((s) => s.name === name && s.cluster === cluster)) return null;
  return `Cluster “${cluster}” already has a snapshot named “${name}”: choose it above, or another name.`;
}

const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50';
const newValue = '__new__';

/** Choose the snapshot to import into, or describe a new one (created when the import starts). */
export function SnapshotTarget({
  snapshots,
  target,
  onChange,
  disabled,
}: {
  snapshots: SnapshotSummary[];
  target: Target;
  onChange: (target: Target) => void;
  disabled?: boolean;
}) {
  const draft: NewSnapshot = target.mode === 'new' ? target : { name: '', cluster: '', environment: 'prod' };
  return (
    <div className="space-y-4">
      <label className="block text-sm font-medium text-slate-700">
        Snapshot
        <select
          className={field}
          disabled={disabled}
          value={target.mode === 'existing' ? target.id : newValue}
          onChange={(event) =>
            onChange(event.target.value === newValue ? { mode: 'new', ...draft } : { mode: 'existing', id: event.target.value })
          }
        >
          {target.mode === 'existing' && target.id === '' ? <option value="">Select a snapshot…</option> : null}
          {snapshots.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} — {s.cluster} ({s.environment})
            </option>
          ))}
          <option value={newValue}>+ New snapshot…</option>
        </select>
      </label>
      {target.mode === 'new' ? (
        <div className="grid gap-3 sm:grid-cols-3">
          {(
            [
              ['name', 'Name', 'e.g. 2026-11 audit'],
              ['cluster', 'Cluster', 'e.g. prod-eu-1'],
              ['environment', 'Environment', 'prod, staging, dev…'],
            ] as const
          ).map(([key, label, placeholder]) => (
            <label key={key} className="block text-sm font-medium text-slate-700">
              {label}
              <input
                className={field}
                disabled={disabled}
                required
                placeholder={placeholder}
                value={target[key]}
                onChange={(event) => onChange({ ...target, [key]: event.target.value })}
              />
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
