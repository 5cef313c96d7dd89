'use client';

import { OptionalSection } from './optional-section';

/**
 * NGINX and application access logs are written by the server and do not name it; the importer
 * needs to be told which workload they belong to (`eastwest import --destination ns/name[:port]`).
 */
export function DestinationField({ value, onChange, disabled }: { value: string; onChange: (value: string) => void; disabled?: boolean }) {
  return (
    <OptionalSection title="Server-side logs" hasValue={value !== ''}>
      <label className="mt-2 block font-medium text-slate-700">
        Destination workload
        <input
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50"
          placeholder="namespace/name[:port]"
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      <p className="mt-1 text-xs text-slate-500">For NGINX and application access logs, which do not name the server that wrote them.</p>
    </OptionalSection>
  );
}
