'use client';

/** `2026-03-12T09:41:00.000Z` ↔ the `datetime-local` input's `2026-03-12T09:41:00` (shown and read as UTC). */
const toLocalInput = (iso?: string) => (iso ? iso.slice(0, 19) : '');
const fromLocalInput = (value: string) => (value ? new Date(`${value.length === 16 ? `${value}:00` : value}Z`).toISOString() : undefined);

export interface UtcDateTimeInputProps {
  label: string;
  /** ISO time, or undefined for an empty field. */
  value: string | undefined;
  /** Bounds of the picker; the field is disabled when there is no traffic to pick from. */
  range: { start: string; end: string } | null;
  onChange(iso: string | undefined): void;
  labelClassName: string;
  inputClassName: string;
  title?: string;
  testId: string;
}

/** A labelled `datetime-local` field (to the second) that reads and writes ISO times in UTC. */
export function UtcDateTimeInput({ label, value, range, onChange, labelClassName, inputClassName, title, testId }: UtcDateTimeInputProps) {
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
        onChange={(e) => onChange(fromLocalInput(e.target.value))}
        data-testid={testId}
      />
    </label>
  );
}
