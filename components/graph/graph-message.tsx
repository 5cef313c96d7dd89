import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClass } from '@/components/ui/button';

/** Loading, empty and error states of the graph area: what happened and what to do next. */
export function GraphMessage({
  title,
  children,
  tone = 'neutral',
  busy,
  action,
  link,
}: {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'error';
  busy?: boolean;
  action?: { label: string; onClick(): void };
  link?: { label: string; href: string };
}) {
  return (
    <div className="flex h-full items-center justify-center p-8" role={tone === 'error' ? 'alert' : busy ? 'status' : undefined} data-testid="graph-message">
      <div className={`max-w-md rounded-lg border px-6 py-5 text-center ${tone === 'error' ? 'border-rose-200 bg-rose-50' : 'border-slate-200 bg-white'}`}>
        {busy ? <div className="mx-auto mb-3 h-6 w-6 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" aria-hidden="true" /> : null}
        <h2 className={`text-base font-semibold ${tone === 'error' ? 'text-rose-900' : 'text-slate-900'}`}>{title}</h2>
        {children ? <p className="mt-1.5 text-sm text-slate-600">{children}</p> : null}
        {action || link ? (
          <div className="mt-4 flex justify-center gap-2">
            {action ? (
              <button type="button" className={buttonClass('primary')} onClick={action.onClick}>
                {action.label}
              </button>
            ) : null}
            {link ? (
              <Link className={buttonClass('secondary')} href={link.href}>
                {link.label}
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
