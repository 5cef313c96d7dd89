import type { Env } from './env';
import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; only its sha256 is stored (Session.tokenHash), so a database leak yields no live sessions. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface CookieContext {
  /** TLS in front of us (x-forwarded-proto) or EASTWEST_SECURE_COOKIES. */
  secure: boolean;
}

/**
 * `__Host-` prefix when Secure: the browser then refuses the cookie unless it is Secure, has
 * Path=/ and no Domain (https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#cookie_prefixes).
 */
export function sessionCookieName(ctx: CookieContext): string {
  return ctx.secure ? '__Host-eastwest_session' : 'eastwest_session';
}

export const SESSION_COOKIE_NAMES = ['__Host-eastwest_session', 'eastwest_session'] as const;

export function sessionCookieOptions(ctx: CookieContext, maxAgeMs = SESSION_TTL_MS) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: ctx.secure, path: '/', maxAge: Math.floor(maxAgeMs / 1000) };
}

export function isSecureRequest(headers: Headers, env: Env = process.env): boolean {
  const flag = env.EASTWEST_SECURE_COOKIES;
  if (flag && !['0', 'false', 'off'].includes(flag.toLowerCase())) return true;
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
