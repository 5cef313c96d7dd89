/** The primary sections of the app, in navigation order. */
export type NavItem = {
  href: '/' | '/graph' | '/drafts' | '/import';
  label: string;
  description: string;
  /** Pages that work on one snapshot keep the `?snapshot=` selection when you switch to them. */
  keepsSnapshot: boolean;
  icon: 'snapshots' | 'graph' | 'drafts' | 'import';
};

export const navItems: readonly NavItem[] = [
  { href: '/', label: 'Snapshots', description: 'Imported clusters and their contents', keepsSnapshot: false, icon: 'snapshots' },
  { href: '/graph', label: 'Graph', description: 'Who talks to whom, and who may', keepsSnapshot: true, icon: 'graph' },
  { href: '/drafts', label: 'Drafts', description: 'Least-privilege policy drafts', keepsSnapshot: true, icon: 'drafts' },
  { href: '/import', label: 'Import', description: 'Upload inventory, policies and traffic', keepsSnapshot: true, icon: 'import' },
];

/** True when `pathname` is inside the section `href` ("/" only matches itself). */
export function isActive(href: NavItem['href'], pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
