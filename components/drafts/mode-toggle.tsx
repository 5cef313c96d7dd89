'use client';

import type { SimulationModeJson } from '@/lib/api/drafts';

const MODES: { mode: SimulationModeJson; label: string; hint: string }[] = [
  { mode: 'add', label: 'Add to current policies', hint: 'Apply the draft next to the policies in force. Allow rules are additive, so nothing already allowed is lost.' },
  { mode: 'replace', label: 'Replace current', hint: 'The draft replaces the current policies of its own kinds in the namespaces it writes to.' },
];

export function ModeToggle({ value, onChange }: { value: SimulationModeJson; onChange: (mode: SimulationModeJson) => void }) {
  return (
    <div>
      <div role="radiogroup" aria-label="What-if mode" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            role="radio"
            aria-checked={value === m.mode}
            onClick={() => onChange(m.mode)}
            className={`rounded px-3 py-1 text-sm ${value === m.mode ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
          >
            {m.label}
          </button>
        ))}
      </div>
      <p className="mt-1 text-xs text-slate-500">{MODES.find((m) => m.mode === value)?.hint}</p>
    </div>
  );
}
