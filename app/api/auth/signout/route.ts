import { NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/current-user';
import { SESSION_COOKIE_NAMES, isSecureRequest, sessionCookieOptions } from '@/lib/auth/session-token';
import { signOut } from '@/lib/auth/signin';
import { handle } from '@/lib/server';

export const dynamic = 'force-dynamic';

/** POST: ends the session in the database (not just the cookie) and clears the cookie. */
export const POST = handle(async (request: Request) => {
  const cookies = parseCookies(request.headers.get('cookie') ?? '');
  const token = SESSION_COOKIE_NAMES.map((n) => cookies.get(n)).find(Boolean);
  await signOut(token, currentUser(request.headers)?.username ?? null);
  const response = NextResponse.json({ signedOut: true });
  const ctx = { secure: isSecureRequest(request.headers) };
  for (const name of SESSION_COOKIE_NAMES) response.cookies.set(name, '', { ...sessionCookieOptions({ secure: ctx.secure || name.startsWith('__Host-') }, 0) });
  return response;
});

function parseCookies(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}
