/** The primary sections of the app, in navigation order. */
export type NavItem = {
  href: '/' | '/graph' | '/findings' | '/compare' | '/drafts' | '/import' | '/admin';
  label: string;
  description: string;
  /** Pages that work on one snapshot keep the `?snapshot=` selection when you switch to them. */
  keepsSnapshot: boolean;
  icon: 'snapshots' | 'graph' | 'findings' | 'compare' | 'drafts' | 'import' | 'admin';
};

export const navItems: readonly NavItem[] = [
  { href: '/', label: 'Snapshots', description: 'Imported clusters and their contents', keepsSnapshot: false, icon: 'snapshots' },
  { href: '/graph', label: 'Graph', description: 'Who talks to whom, and who may', keepsSnapshot: true, icon: 'graph' },
  { href: '/findings', label: 'Findings', description: 'Environment leaks, API inventory, report', keepsSnapshot: true, icon: 'findings' },
  { href: '/compare', label: 'Compare', description: 'What changed since the baseline', keepsSnapshot: true, icon: 'compare' },
  { href: '/drafts', label: 'Drafts', description: 'Least-privilege policy drafts', keepsSnapshot: true, icon: 'drafts' },
  { href: '/import', label: 'Import', description: 'Upload inventory, policies and traffic', keepsSnapshot: true, icon: 'import' },
  { href: '/admin', label: 'Admin', description: 'Users and the audit log', keepsSnapshot: false, icon: 'admin' },
];

/** True when `pathname` is inside the section `href` ("/" only matches itself). */
export function isActive(href: NavItem['href'], pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
