'use client';

/** Longest format the import API accepts (lib/server/envoy-format-param.ts MAX_ENVOY_FORMAT_LENGTH). */
const MAX_LENGTH = 4096;

/**
 * Envoy/Istio access logs in a custom format need that format to be read (`eastwest import --envoy-format`): the
 * format string, the JSON `labels`, or the MeshConfig excerpt that holds either.
 */
export function EnvoyFormatField({ value, onChange, disabled }: { value: string; onChange: (value: string) => void; disabled?: boolean }) {
  return (
    <details className="group text-sm" open={value !== ''}>
      <summary className="cursor-pointer select-none text-slate-600 hover:text-slate-900">Custom Envoy / Istio log format</summary>
      <label className="mt-2 block font-medium text-slate-700">
        Access log format
        <textarea
          className="mt-1 block h-28 w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50"
          placeholder={'[%START_TIME%] "%REQ(:METHOD)% …" … %DOWNSTREAM_PEER_URI_SAN%'}
          value={value}
          maxLength={MAX_LENGTH}
          spellCheck={false}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          data-testid="envoy-format"
        />
      </label>
      <p className="mt-1 text-xs text-slate-500">
        Only for logs not in Istio&apos;s default text or JSON format: paste <code>logFormat.text</code>, <code>logFormat.labels</code> (JSON or
        YAML), or the MeshConfig that holds it.
      </p>
    </details>
  );
}
