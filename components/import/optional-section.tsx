'use client';

import { useState, type ReactNode } from 'react';

/**
 * A collapsed `<details>` for optional settings, open at first when it already holds a value. Only the user opens
 * and closes it afterwards: driving `open` from the value would fold it away while they clear the field.
 */
export function OptionalSection({ title, hasValue, children }: { title: string; hasValue: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(hasValue);
  return (
    <details className="group text-sm" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer select-none text-slate-600 hover:text-slate-900">{title}</summary>
      {children}
    </details>
  );
}
