import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Sidebar } from '@/components/layout/sidebar';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Eastwest', template: '%s · Eastwest' },
  description: 'Who talks to whom inside a Kubernetes cluster, who is allowed to, and what an attacker would reach.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>
          <div className="flex min-h-screen">
            {/* The column is dark to the bottom of long pages; the navigation inside it stays in view. */}
            <aside className="w-56 shrink-0 bg-ink-950">
              <div className="sticky top-0 h-screen">
                <Sidebar />
              </div>
            </aside>
            <main className="min-w-0 flex-1">{children}</main>
          </div>
        </Providers>
      </body>
    </html>
  );
}
