'use client';

import type { DraftJson } from '@/lib/api/drafts';

export type DraftKindJson = DraftJson['kinds'][number];

export const KIND_LABELS: { kind: DraftKindJson; label: string; hint: string }[] = [
  { kind: 'networkpolicy', label: 'NetworkPolicy', hint: 'networking.k8s.io/v1, enforced by the CNI' },
  { kind: 'istio', label: 'Istio', hint: 'AuthorizationPolicy per workload, with observed methods and paths' },
  { kind: 'cilium', label: 'Cilium', hint: 'CiliumNetworkPolicy, with L7 HTTP rules where observed' },
  { kind: 'linkerd', label: 'Linkerd', hint: 'Server + AuthorizationPolicy + MeshTLSAuthentication' },
];

/** The output families of a draft; at least one stays selected. */
export function KindPicker({ value, onChange, disabled }: { value: DraftKindJson[]; onChange: (kinds: DraftKindJson[]) => void; disabled?: boolean }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Output kinds</legend>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1.5">
        {KIND_LABELS.map((k) => {
          const checked = value.includes(k.kind);
          return (
            <label key={k.kind} title={k.hint} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={checked}
                disabled={disabled || (checked && value.length === 1)}
                onChange={() => onChange(checked ? value.filter((x) => x !== k.kind) : KIND_LABELS.map((l) => l.kind).filter((x) => x === k.kind || value.includes(x)))}
              />
              {k.label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
