import { NextResponse } from 'next/server';
import { signInSchema } from '@/lib/auth/schemas';
import { signInWithPassword } from '@/lib/auth/signin';
import { isSecureRequest, sessionCookieName, sessionCookieOptions } from '@/lib/auth/session-token';
import { handle, parseJsonBody } from '@/lib/server';

export const dynamic = 'force-dynamic';

/** POST {username, password} → a session cookie (HttpOnly, SameSite=Lax, Secure behind TLS). */
export const POST = handle(async (request: Request) => {
  const { username, password } = await parseJsonBody(request, signInSchema);
  const result = await signInWithPassword(username, password);
  if (result.kind === 'rate-limited') {
    return NextResponse.json({ error: { code: 'rate-limited', message: `too many sign-in attempts; try again in ${result.retryAfter} s` } }, { status: 429, headers: { 'Retry-After': String(result.retryAfter) } });
  }
  if (result.kind === 'invalid') return NextResponse.json({ error: { code: 'unauthorized', message: 'wrong username or password' } }, { status: 401 });
  const ctx = { secure: isSecureRequest(request.headers) };
  const response = NextResponse.json({ user: { username: result.user.username, role: result.user.role } });
  response.cookies.set(sessionCookieName(ctx), result.token, sessionCookieOptions(ctx));
  return response;
});
