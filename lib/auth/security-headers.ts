/**
 * Content-Security-Policy with a per-request nonce, as in Next's CSP guide
 * (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md): Next reads the nonce
 * from the request's CSP header and puts it on its own scripts; 'strict-dynamic' lets those load
 * their chunks. Pages must render dynamically for that (Eastwest's do). Styles allow inline
 * because React renders `style` attributes; Cytoscape draws on canvas and needs nothing more.
 */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === 'development'): string {
  return [
    `default-src 'self'`,
    // 'unsafe-eval' only in development: React uses eval for error overlays there, never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `worker-src 'self' blob:`,
  ].join('; ');
}

/** Headers on every response (next.config.mjs sets the same static ones for paths the proxy skips). */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
