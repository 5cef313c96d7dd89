'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { isActive, navItems } from './nav-items';
import { NavIcon } from './nav-icon';

/** Sidebar links; the current snapshot selection follows you to Graph, Drafts and Import. */
export function NavLinks() {
  // useSearchParams needs a Suspense boundary on statically rendered routes; the fallback
  // renders the same links without the selection, so the sidebar never flashes empty.
  return (
    <Suspense fallback={<NavList snapshot={null} />}>
      <NavListWithSnapshot />
    </Suspense>
  );
}

function NavListWithSnapshot() {
  return <NavList snapshot={useSearchParams().get('snapshot')} />;
}

function NavList({ snapshot }: { snapshot: string | null }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {navItems.map((item) => {
        const active = isActive(item.href, pathname);
        const href = item.keepsSnapshot && snapshot ? `${item.href}?snapshot=${encodeURIComponent(snapshot)}` : item.href;
        return (
          <li key={item.href}>
            <Link
              href={href}
              aria-current={active ? 'page' : undefined}
              title={item.description}
              className={
                'group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors ' +
                (active ? 'bg-white/10 text-white' : 'text-slate-300 hover:bg-white/5 hover:text-white')
              }
            >
              <NavIcon icon={item.icon} className={'size-5 shrink-0 ' + (active ? 'text-brand-100' : 'text-slate-400 group-hover:text-slate-200')} />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
