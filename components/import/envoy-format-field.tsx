'use client';

import type { EnvoyFormatCheck } from './envoy-format-check';
import { OptionalSection } from './optional-section';

/** Longest format the import API accepts (lib/server/envoy-format-param.ts MAX_ENVOY_FORMAT_LENGTH). */
const MAX_LENGTH = 4096;

/**
 * Envoy/Istio access logs in a custom format need that format to be read (`eastwest import --envoy-format`): the
 * format string, the JSON `labels`, or the MeshConfig excerpt that holds either. `check` is what the import API
 * would say about it, shown as the user types.
 */
export function EnvoyFormatField({ value, onChange, check, disabled }: { value: string; onChange: (value: string) => void; check: EnvoyFormatCheck; disabled?: boolean }) {
  const remarks = [...check.errors, ...check.notes];
  return (
    <OptionalSection title="Custom Envoy / Istio log format" hasValue={value !== ''}>
      <label className="mt-2 block font-medium text-slate-700">
        Access log format
        <textarea
          className={
            'mt-1 block h-28 w-full rounded-md border bg-white px-3 py-2 font-mono text-xs shadow-sm focus:outline-none focus:ring-2 disabled:bg-slate-50 ' +
            (check.errors.length ? 'border-rose-400 focus:border-rose-500 focus:ring-rose-100' : 'border-slate-300 focus:border-brand-500 focus:ring-brand-100')
          }
          placeholder={'[%START_TIME%] "%REQ(:METHOD)% …" … %DOWNSTREAM_PEER_URI_SAN%'}
          value={value}
          maxLength={MAX_LENGTH}
          spellCheck={false}
          disabled={disabled}
          aria-invalid={check.errors.length > 0}
          aria-describedby={remarks.length ? 'envoy-format-remarks' : undefined}
          onChange={(event) => onChange(event.target.value)}
          data-testid="envoy-format"
        />
      </label>
      {remarks.length ? (
        <ul id="envoy-format-remarks" className="mt-1 space-y-1 text-xs" data-testid="envoy-format-remarks" role={check.errors.length ? 'alert' : undefined}>
          {remarks.map((d, i) => (
            <li key={i} className={d.severity === 'error' ? 'text-rose-700' : d.severity === 'warning' ? 'text-amber-800' : 'text-slate-600'} data-severity={d.severity}>
              {d.line ? <span className="font-mono text-slate-500">line {d.line}: </span> : null}
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">
        Only for logs not in Istio&apos;s default text or JSON format: paste <code>logFormat.text</code>, <code>logFormat.labels</code> (JSON or
        YAML), or the MeshConfig that holds it.
      </p>
    </OptionalSection>
  );
}
