'use client';

/** `2026-03-12T09:41:00.000Z` ↔ the `datetime-local` input's `2026-03-12T09:41:00` (shown and read as UTC). */
const toLocalInput = (iso?: string) => (iso ? iso.slice(0, 19) : '');

/**
 * The field's value as an ISO time. The field is precise to the second: a window's start is that second's first
 * millisecond, its end that second's last, so "To 09:41:01" keeps a record logged at 09:41:01.404 (traffic ranges
 * from logs carry milliseconds, and the API's `to` is inclusive).
 */
function fromLocalInput(value: string, bound: 'start' | 'end'): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  if (Number.isNaN(ms)) return undefined;
  return new Date(bound === 'end' ? ms + 999 : ms).toISOString();
}

export interface UtcDateTimeInputProps {
  label: string;
  /** ISO time, or undefined for an empty field. */
  value: string | undefined;
  /** Whether the field starts (From) or ends (To) a window: which millisecond of the chosen second it means. */
  bound: 'start' | 'end';
  /** Bounds of the picker; the field is disabled when there is no traffic to pick from. */
  range: { start: string; end: string } | null;
  onChange(iso: string | undefined): void;
  labelClassName: string;
  inputClassName: string;
  title?: string;
  testId: string;
}

/** A labelled `datetime-local` field (to the second) that reads and writes ISO times in UTC. */
export function UtcDateTimeInput({ label, value, bound, range, onChange, labelClassName, inputClassName, title, testId }: UtcDateTimeInputProps) {
  return (
    <label className={labelClassName} title={title}>
      {label}
      <input
        type="datetime-local"
        step={1}
        className={inputClassName}
        min={toLocalInput(range?.start)}
        max={toLocalInput(range?.end)}
        value={toLocalInput(value)}
        disabled={!range}
        onChange={(e) => onChange(fromLocalInput(e.target.value, bound))}
        data-testid={testId}
      />
    </label>
  );
}
