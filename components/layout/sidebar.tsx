import Link from 'next/link';
import { Logo } from './logo';
import { NavLinks } from './nav-links';

export function Sidebar() {
  return (
    <nav aria-label="Main" className="flex h-full flex-col gap-6 bg-ink-950 px-3 py-5">
      <Link href="/" className="flex items-center gap-2.5 px-2">
        <Logo className="size-8" />
        <span className="text-lg font-semibold tracking-tight text-white">Eastwest</span>
      </Link>
      <NavLinks />
      <p className="mt-auto px-2 text-xs leading-relaxed text-slate-500">
        Observed traffic, allowed traffic, and what an attacker would reach.
      </p>
    </nav>
  );
}
