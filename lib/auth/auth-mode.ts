import type { Env } from './env';
/**
 * Whether sign-in is required (issue 10): when EASTWEST_AUTH is set, or when the server binds to
 * anything but loopback. The local single-user default (`npm start` binds 127.0.0.1) needs none.
 *
 * The proxy cannot see the listening socket, so the binding is read from what starts the server:
 * EASTWEST_HOST / HOST (scripts/start.ts), HOSTNAME when it is an address (Next's standalone
 * server binds to it; a container's HOSTNAME is a machine name and says nothing about binding),
 * and the origin `next start --hostname` records in __NEXT_PRIVATE_ORIGIN.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK.has(h) || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Host part of a `Host` header: strips the port, keeps IPv6 brackets. */
export function hostOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

function looksLikeAddress(value: string): boolean {
  return /^[\d.]+$/.test(value) || value.includes(':') || value === 'localhost';
}

export function bindHosts(env: Env): string[] {
  const hosts: string[] = [];
  for (const key of ['EASTWEST_HOST', 'HOST'] as const) if (env[key]) hosts.push(env[key]);
  if (env.HOSTNAME && looksLikeAddress(env.HOSTNAME)) hosts.push(env.HOSTNAME);
  const origin = env.__NEXT_PRIVATE_ORIGIN;
  if (origin) {
    try {
      hosts.push(new URL(origin).hostname);
    } catch {
      // not a URL: ignore
    }
  }
  return hosts;
}

export function isAuthRequired(env: Env = process.env): boolean {
  if (env.EASTWEST_AUTH && env.EASTWEST_AUTH.trim() !== '') return true;
  return bindHosts(env).some((h) => !isLoopbackHost(h));
}
