import type { ReactNode } from 'react';

export type EmptyStateTone = 'neutral' | 'error';

/** A state with no data to show: says what happened and what to do next. */
export function EmptyState({ title, children, actions, tone = 'neutral' }: { title: string; children?: ReactNode; actions?: ReactNode; tone?: EmptyStateTone }) {
  const border = tone === 'error' ? 'border-rose-200 bg-rose-50/60' : 'border-slate-300 bg-white';
  return (
    <div role={tone === 'error' ? 'alert' : undefined} className={`rounded-lg border border-dashed px-8 py-12 text-center ${border}`}>
      <h2 className={`text-base font-semibold ${tone === 'error' ? 'text-rose-900' : 'text-slate-900'}`}>{title}</h2>
      {children ? <div className="mx-auto mt-2 max-w-xl space-y-2 text-sm text-slate-600">{children}</div> : null}
      {actions ? <div className="mt-6 flex justify-center gap-3">{actions}</div> : null}
    </div>
  );
}
