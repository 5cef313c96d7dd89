import { NextResponse, type NextRequest } from 'next/server';
import { decodeTransaction, finishOidcSignIn, OIDC_COOKIE } from '@/lib/auth/oidc';
import { oidcConfigFromEnv } from '@/lib/auth/oidc-config';
import { signInWithOidc } from '@/lib/auth/oidc-signin';
import { isSecureRequest, sessionCookieName, sessionCookieOptions } from '@/lib/auth/session-token';
import { recordAudit } from '@/lib/db';
import { handle, HttpError } from '@/lib/server';

export const dynamic = 'force-dynamic';

/** GET: the provider's redirect back; checks state, nonce, PKCE and the ID token, then opens a session. */
export const GET = handle(async (request: NextRequest) => {
  const cfg = oidcConfigFromEnv();
  if (!cfg) throw new HttpError('not-found', 'single sign-on is not configured');
  const base = new URL(cfg.redirectUri);
  const fail = (message: string) => NextResponse.redirect(new URL(`/login?error=${encodeURIComponent(message)}`, base), 303);
  const transaction = decodeTransaction(request.cookies.get(OIDC_COOKIE)?.value);
  if (!transaction) return fail('the sign-in expired or was started elsewhere; start again');
  let identity;
  try {
    identity = await finishOidcSignIn(cfg, request.nextUrl.searchParams, transaction);
  } catch (error) {
    // The reason goes to the audit log (no tokens in it); the user gets a generic message.
    await recordAudit({ actor: 'anonymous', action: 'signin.failed', details: { method: 'oidc', reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' } });
    return fail('single sign-on failed');
  }
  const result = await signInWithOidc(identity, cfg.defaultRole);
  if ('refused' in result) return fail(result.refused);
  const ctx = { secure: isSecureRequest(request.headers) };
  const response = NextResponse.redirect(new URL(transaction.next, base), 303);
  response.cookies.set(sessionCookieName(ctx), result.token, sessionCookieOptions(ctx));
  response.cookies.set(OIDC_COOKIE, '', { path: '/api/auth/oidc', maxAge: 0 });
  return response;
});
