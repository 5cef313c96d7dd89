/**
 * Where to go after sign-in: only a path on this site. `//evil.example` and `/\evil.example` are
 * protocol-relative URLs to browsers, hence refused (OWASP Unvalidated Redirects cheat sheet).
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f]/.test(next)) return '/';
  return next;
}
