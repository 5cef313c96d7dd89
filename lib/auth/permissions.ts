import type { Requirement } from './roles';

/**
 * The one permission table for every page and API route, checked in proxy.ts before any route
 * handler runs. First matching rule wins. The catch-alls at the end make new routes safe by
 * default: reads need a viewer, anything that changes state needs an editor.
 */
interface Rule {
  path: RegExp;
  /** Upper-case HTTP methods, or `*`. */
  methods: readonly string[] | '*';
  needs: Requirement;
  why: string;
}

const READ = ['GET', 'HEAD', 'OPTIONS'] as const;

export const PERMISSIONS: readonly Rule[] = [
  { path: /^\/api\/health$/, methods: READ, needs: 'public', why: 'liveness probes run without credentials' },
  { path: /^\/api\/auth(\/|$)/, methods: '*', needs: 'public', why: 'sign-in, sign-out and the OIDC callback' },
  { path: /^\/login$/, methods: READ, needs: 'public', why: 'the sign-in page' },
  { path: /^\/api\/admin(\/|$)/, methods: '*', needs: 'admin', why: 'users and the audit log' },
  { path: /^\/admin(\/|$)/, methods: '*', needs: 'admin', why: 'users and the audit log' },
  { path: /^\/api\/snapshots\/[^/]+$/, methods: ['DELETE'], needs: 'admin', why: 'deleting a snapshot removes everything it owns' },
  { path: /^\//, methods: READ, needs: 'viewer', why: 'reading graphs, snapshots and drafts' },
  // Pages included: server actions are POSTs to the page that uses them.
  { path: /^\//, methods: '*', needs: 'editor', why: 'imports, drafts, new snapshots' },
];

/**
 * Collapses `//`, drops a trailing `/` and percent-decodes, so `/api//admin/` or `/api/%61dmin`
 * cannot slip past a rule that the router would still send to the admin handler.
 */
export function normalizePath(pathname: string): string {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // Malformed escapes: match the raw path; Next answers 400 for it anyway.
  }
  path = path.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path.startsWith('/') ? path : `/${path}`;
}

export function requiredRole(method: string, pathname: string): Requirement {
  const path = normalizePath(pathname);
  const verb = method.toUpperCase();
  for (const rule of PERMISSIONS) {
    if (!rule.path.test(path)) continue;
    if (rule.methods === '*' || rule.methods.includes(verb)) return rule.needs;
  }
  return 'admin'; // unreachable with the catch-alls above; deny by default if they are ever removed
}

export function isStateChanging(method: string): boolean {
  return !(READ as readonly string[]).includes(method.toUpperCase());
}
