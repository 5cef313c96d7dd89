'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import type { CreateDraftInput, DraftScopeJson, EdgeDecisionJson } from '@/lib/api/drafts';
import { KindPicker, type DraftKindJson } from './kind-picker';
import type { ScopeOptions } from './load-scope-options';

type ScopeKind = DraftScopeJson['kind'];

const SCOPE_LABELS: { kind: ScopeKind; label: string; hint: string }[] = [
  { kind: 'namespace', label: 'Namespace', hint: 'Every workload of the namespace, with a default-deny baseline.' },
  { kind: 'workloads', label: 'Workloads', hint: 'Only these workloads, each isolated by its own policies; the rest of the namespace is left alone.' },
  { kind: 'snapshot', label: 'Whole snapshot', hint: 'Every namespace observed traffic touches, except system namespaces (kube-system, istio-system, …).' },
];

/** `datetime-local` values are read as UTC (the page shows every time in UTC). */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  return new Date(`${local}${local.length === 16 ? ':00' : ''}Z`).toISOString();
}

function busiestNamespace(options: ScopeOptions): string | undefined {
  return [...options.namespaces].filter((n) => !n.system && n.workloads > 0).sort((a, b) => b.edges - a.edges || a.name.localeCompare(b.name))[0]?.name;
}

export function CreateDraftForm({
  options,
  pending,
  creating,
  error,
  onCreate,
  onCancel,
}: {
  options: ScopeOptions;
  /** A decision from a deep link (graph → "drop from draft") to apply to the new draft. */
  pending: EdgeDecisionJson | null;
  creating: boolean;
  error: string | null;
  onCreate: (input: CreateDraftInput) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState('');
  const [scopeKind, setScopeKind] = useState<ScopeKind>('namespace');
  const [namespaces, setNamespaces] = useState<string[]>(() => {
    const ns = pending?.destination.split('/')[0];
    const fromLink = ns && options.namespaces.some((n) => n.name === ns) ? ns : undefined;
    const first = fromLink ?? busiestNamespace(options);
    return first ? [first] : [];
  });
  const [workloads, setWorkloads] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kinds, setKinds] = useState<DraftKindJson[]>(['networkpolicy']);

  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);
  const timeWindow = { ...(toIso(from) ? { from: toIso(from) } : {}), ...(toIso(to) ? { to: toIso(to) } : {}) };
  const scope: DraftScopeJson =
    scopeKind === 'namespace' ? { kind: 'namespace', namespaces, ...timeWindow } : scopeKind === 'workloads' ? { kind: 'workloads', workloads, ...timeWindow } : { kind: 'snapshot', ...timeWindow };
  const incomplete = (scopeKind === 'namespace' && namespaces.length === 0) || (scopeKind === 'workloads' && workloads.length === 0) || kinds.length === 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (incomplete) return;
    onCreate({ ...(name.trim() ? { name: name.trim() } : {}), scope, kinds, ...(pending ? { decisions: [pending] } : {}) });
  };

  return (
    <Card>
      <CardHeader title="New draft" description="Grant exactly the traffic observed in this snapshot; everything else is denied." />
      <form onSubmit={submit} className="space-y-5 px-5 py-4" aria-label="New draft">
        {pending ? (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The new draft will {pending.decision === 'drop' ? 'leave out' : 'grant'}{' '}
            <code className="font-mono text-xs">
              {pending.source} → {pending.destination} {pending.protocol}/{pending.port}
            </code>
            .
          </p>
        ) : null}
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Scope</legend>
          <div className="mt-2 flex flex-wrap gap-2" role="radiogroup" aria-label="Scope">
            {SCOPE_LABELS.map((s) => (
              <label key={s.kind} className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm ${scopeKind === s.kind ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-slate-300 bg-white text-slate-700'}`}>
                <input type="radio" name="scope" className="sr-only" checked={scopeKind === s.kind} onChange={() => setScopeKind(s.kind)} />
                {s.label}
              </label>
            ))}
          </div>
          <p className="mt-1.5 text-xs text-slate-500">{SCOPE_LABELS.find((s) => s.kind === scopeKind)?.hint}</p>
          {scopeKind === 'namespace' ? (
            <div className="mt-3 flex flex-wrap gap-x-4 gap-y-1.5" aria-label="Namespaces">
              {options.namespaces.map((n) => (
                <label key={n.name} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
                  <input type="checkbox" checked={namespaces.includes(n.name)} onChange={() => setNamespaces(toggle(namespaces, n.name))} />
                  <span className="font-mono text-xs">{n.name}</span>
                  <span className="text-xs text-slate-400">
                    {n.workloads} workloads · {n.edges} observed edges{n.system ? ' · system' : ''}
                  </span>
                </label>
              ))}
            </div>
          ) : null}
          {scopeKind === 'workloads' ? (
            <div className="mt-3 grid max-h-48 grid-cols-2 gap-x-4 gap-y-1 overflow-auto rounded-md border border-slate-200 p-2 lg:grid-cols-3" aria-label="Workloads">
              {options.workloads.map((w) => (
                <label key={w} className="inline-flex items-center gap-1.5 text-sm">
                  <input type="checkbox" checked={workloads.includes(w)} onChange={() => setWorkloads(toggle(workloads, w))} />
                  <span className="truncate font-mono text-xs">{w}</span>
                </label>
              ))}
            </div>
          ) : null}
        </fieldset>

        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Time window (UTC)</legend>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            <label className="inline-flex items-center gap-2">
              from <input type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm" />
            </label>
            <label className="inline-flex items-center gap-2">
              to <input type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm" />
            </label>
          </div>
          <p className="mt-1.5 text-xs text-slate-500">
            {options.traffic ? `Traffic observed from ${options.traffic.from} to ${options.traffic.to}. ` : 'This snapshot has no traffic yet. '}
            Leave empty to use all of it.
          </p>
        </fieldset>

        <KindPicker value={kinds} onChange={setKinds} />

        <label className="block text-sm">
          <span className="font-medium text-slate-800">Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="defaults to the scope" className="mt-1 block w-full max-w-sm rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </label>

        {error ? (
          <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">
            {error}
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={incomplete || creating}>
            {creating ? 'Generating…' : 'Generate draft'}
          </Button>
          {onCancel ? (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
