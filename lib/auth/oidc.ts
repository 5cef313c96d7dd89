import * as client from 'openid-client';
import type { OidcConfig } from './oidc-config';
import { safeNextPath } from './safe-redirect';

/**
 * Authorization code flow with PKCE, state and nonce, through openid-client
 * (https://github.com/panva/openid-client): discovery, token exchange and ID token validation
 * (signature, iss, aud, exp, nonce) are the library's, not ours.
 */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  /** ms since epoch; a callback after it is refused. */
  expires: number;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  username: string;
  email: string | null;
}

export const OIDC_COOKIE = 'eastwest_oidc';
const TRANSACTION_TTL_MS = 10 * 60 * 1000;

const configurations = new Map<string, Promise<client.Configuration>>();

function discover(cfg: OidcConfig): Promise<client.Configuration> {
  const key = `${cfg.issuer}\n${cfg.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    const url = new URL(cfg.issuer);
    // Plain http only for a provider on loopback (tests, a local Dex); anything else must be https.
    const insecure = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    found = client.discovery(url, cfg.clientId, cfg.clientSecret, cfg.clientSecret ? undefined : client.None(), insecure ? { execute: [client.allowInsecureRequests] } : undefined);
    found.catch(() => configurations.delete(key)); // retry discovery on the next sign-in
    configurations.set(key, found);
  }
  return found;
}

export async function startOidcSignIn(cfg: OidcConfig, next: string, now = Date.now()): Promise<{ url: URL; transaction: OidcTransaction }> {
  const config = await discover(cfg);
  const verifier = client.randomPKCECodeVerifier();
  const transaction: OidcTransaction = { state: client.randomState(), nonce: client.randomNonce(), verifier, next: safeNextPath(next), expires: now + TRANSACTION_TTL_MS };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: cfg.redirectUri,
    scope: cfg.scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: transaction.state,
    nonce: transaction.nonce,
  });
  return { url, transaction };
}

/** `callbackQuery` is the query string the provider sent to the redirect URI. Throws when anything does not check out. */
export async function finishOidcSignIn(cfg: OidcConfig, callbackQuery: URLSearchParams, transaction: OidcTransaction, now = Date.now()): Promise<OidcIdentity> {
  if (transaction.expires < now) throw new Error('the sign-in took too long; start again');
  const config = await discover(cfg);
  // Validate against the registered redirect URI, not the Host the request arrived with.
  const current = new URL(cfg.redirectUri);
  current.search = callbackQuery.toString();
  const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: transaction.verifier, expectedState: transaction.state, expectedNonce: transaction.nonce, idTokenExpected: true });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider returned no ID token');
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : null);
  const email = str(claims.email);
  return { issuer: claims.iss, subject: claims.sub, username: str(claims.preferred_username) ?? email ?? `${claims.sub}@${new URL(claims.iss).host}`, email };
}

export function encodeTransaction(t: OidcTransaction): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

export function decodeTransaction(value: string | undefined): OidcTransaction | null {
  if (!value || value.length > 4096) return null;
  try {
    const t = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<OidcTransaction>;
    if (typeof t.state !== 'string' || typeof t.nonce !== 'string' || typeof t.verifier !== 'string' || typeof t.expires !== 'number') return null;
    return { state: t.state, nonce: t.nonce, verifier: t.verifier, expires: t.expires, next: safeNextPath(t.next) };
  } catch {
    return null;
  }
}
