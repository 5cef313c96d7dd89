export type ProgressTone = 'brand' | 'success' | 'danger';

const fills: Record<ProgressTone, string> = { brand: 'bg-brand-500', success: 'bg-emerald-500', danger: 'bg-rose-500' };

/** `value` in [0, 1]; `null` shows an indeterminate bar (e.g. while the server processes). */
export function ProgressBar({ value, tone = 'brand', label }: { value: number | null; tone?: ProgressTone; label: string }) {
  const pct = value === null ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-200 ${fills[tone]} ${pct === undefined ? 'w-1/3 animate-pulse' : ''}`}
        style={pct === undefined ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}
