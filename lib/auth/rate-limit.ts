import type { Env } from './env';
/**
 * Fixed-window counters in memory, per key (client address + purpose). One process serves
 * Eastwest, so memory is the right place; a restart forgets the counts, which errs towards the user.
 */
export interface RateLimiter {
  /** True when the call is allowed; counts it either way. */
  hit(key: string, now?: number): boolean;
  /** Seconds until `key` may try again. */
  retryAfter(key: string, now?: number): number;
}

export function createRateLimiter(options: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  function current(key: string, now: number) {
    let w = windows.get(key);
    if (!w || now - w.start >= options.windowMs) {
      // Bound memory under a flood of distinct keys: forget the oldest entry.
      if (!w && windows.size >= maxKeys) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      w = { start: now, count: 0 };
      windows.delete(key);
      windows.set(key, w);
    }
    return w;
  }
  return {
    hit(key, now = Date.now()) {
      const w = current(key, now);
      w.count += 1;
      return w.count <= options.limit;
    },
    retryAfter(key, now = Date.now()) {
      const w = windows.get(key);
      return w ? Math.max(0, Math.ceil((w.start + options.windowMs - now) / 1000)) : 0;
    },
  };
}

function intEnv(env: Env, key: string, fallback: number): number {
  const n = Number(env[key]);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** Sign-in: 10 attempts a minute per address (EASTWEST_SIGNIN_PER_MINUTE); uploads: 60 a minute (EASTWEST_UPLOADS_PER_MINUTE). */
export function rateLimitsFromEnv(env: Env = process.env) {
  return {
    signin: createRateLimiter({ limit: intEnv(env, 'EASTWEST_SIGNIN_PER_MINUTE', 10), windowMs: 60_000 }),
    upload: createRateLimiter({ limit: intEnv(env, 'EASTWEST_UPLOADS_PER_MINUTE', 60), windowMs: 60_000 }),
  };
}
