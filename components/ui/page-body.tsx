import type { ReactNode } from 'react';

export function PageBody({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-6xl space-y-6 px-8 py-8">{children}</div>;
}
