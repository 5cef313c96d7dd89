import type { NavItem } from './nav-items';

const paths: Record<NavItem['icon'], string> = {
  snapshots: 'M4 6.5C4 5.1 7.6 4 12 4s8 1.1 8 2.5S16.4 9 12 9 4 7.9 4 6.5Zm0 0v5C4 12.9 7.6 14 12 14s8-1.1 8-2.5v-5M4 11.5v5c0 1.4 3.6 2.5 8 2.5s8-1.1 8-2.5v-5',
  graph: 'M6 7a2 2 0 1 0 0-.01M18 6a2 2 0 1 0 0-.01M12 18a2 2 0 1 0 0-.01M8 7.5l8-1M7 9l4 7.5M17 8l-4 8.5',
  drafts: 'M7 4h7l4 4v12H7zM14 4v4h4M10 12h5M10 15.5h5',
  import: 'M12 4v11M8 11l4 4 4-4M5 16v3h14v-3',
  findings: 'M12 4l8 15H4zM12 10v4M12 16.5v.5',
  compare: 'M8 4v16M16 4v16M4 8h4M16 16h4M4 12h4M16 12h4',
  admin: 'M12 4l7 3v5c0 4-3 7-7 8-4-1-7-4-7-8V7zM9.5 12l2 2 3.5-3.5',
};

export function NavIcon({ icon, className }: { icon: NavItem['icon']; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={className} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round">
      <path d={paths[icon]} />
    </svg>
  );
}
