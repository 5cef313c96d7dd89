import { NextResponse } from 'next/server';
import { encodeTransaction, OIDC_COOKIE, startOidcSignIn } from '@/lib/auth/oidc';
import { oidcConfigFromEnv } from '@/lib/auth/oidc-config';
import { isSecureRequest } from '@/lib/auth/session-token';
import { handle, HttpError } from '@/lib/server';

export const dynamic = 'force-dynamic';

/** GET ?next=/path: redirects to the OIDC provider; state, nonce and PKCE verifier wait in a 10-minute cookie. */
export const GET = handle(async (request: Request) => {
  const cfg = oidcConfigFromEnv();
  if (!cfg) throw new HttpError('not-found', 'single sign-on is not configured');
  const { url, transaction } = await startOidcSignIn(cfg, new URL(request.url).searchParams.get('next') ?? '/');
  const response = NextResponse.redirect(url, 303);
  // SameSite=Lax: the provider's redirect back is a top-level GET, which Lax cookies accompany.
  response.cookies.set(OIDC_COOKIE, encodeTransaction(transaction), { httpOnly: true, sameSite: 'lax', secure: isSecureRequest(request.headers), path: '/api/auth/oidc', maxAge: 600 });
  return response;
});
