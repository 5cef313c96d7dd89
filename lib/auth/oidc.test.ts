import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { decodeTransaction, encodeTransaction, finishOidcSignIn, startOidcSignIn } from './oidc';
import { oidcConfigFromEnv, type OidcConfig } from './oidc-config';
import { startStubIssuer, type StubIssuer } from './test-support/oidc-stub-issuer';

let stub: StubIssuer;
let cfg: OidcConfig;

beforeAll(async () => {
  stub = await startStubIssuer({ sub: 'u-42', preferred_username: 'grace', email: 'grace@example.com' });
  cfg = oidcConfigFromEnv({ EASTWEST_OIDC_ISSUER: stub.issuer, EASTWEST_OIDC_CLIENT_ID: stub.clientId, EASTWEST_OIDC_CLIENT_SECRET: stub.clientSecret, EASTWEST_OIDC_REDIRECT_URI: 'http://127.0.0.1:3000/api/auth/oidc/callback' })!;
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.tamper = {};
});

/** The error and its causes as text: code, message and the claim or parameter that failed. */
function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; code?: string; cause?: unknown; claim?: string; parameter?: string } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    parts.push(JSON.stringify({ message: e.message, code: e.code, claim: e.claim, parameter: e.parameter }));
  }
  return parts.join(' <- ');
}

/** What the browser does: follow the authorization URL to the provider, which redirects back with a code. */
async function signInAtProvider() {
  const { url, transaction } = await startOidcSignIn(cfg, '/graph');
  const res = await fetch(url, { redirect: 'manual' });
  const back = new URL(res.headers.get('location') ?? '');
  return { transaction, query: back.searchParams, url };
}

describe('OIDC sign-in against a stub issuer', () => {
  test('asks for the code with PKCE (S256), state and nonce, and returns the verified identity', async () => {
    const { transaction, query, url } = await signInAtProvider();
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(transaction.state);
    expect(await finishOidcSignIn(cfg, query, transaction)).toEqual({ issuer: stub.issuer, subject: 'u-42', username: 'grace', email: 'grace@example.com' });
  });

  test.each([
    ['a forged state', (q: URLSearchParams) => q.set('state', 'forged'), {}, /unexpected \\"state\\" response parameter/],
    ['an ID token for another nonce (replay)', () => undefined, { nonce: 'someone-elses' }, /"claim":"nonce"/],
    ['an ID token for another client', () => undefined, { audience: 'other-app' }, /"claim":"aud"/],
    ['an expired ID token', () => undefined, { expired: true }, /"claim":"exp"/],
  ] as const)('refuses %s', async (_name, mangle, tamper, reason) => {
    stub.tamper = { ...tamper };
    const { transaction, query } = await signInAtProvider();
    mangle(query);
    // The library's messages are generic; the checked claim is in `cause`.
    const error = await finishOidcSignIn(cfg, query, transaction).then(() => null, (e: unknown) => e as Error);
    expect(describeChain(error)).toMatch(reason);
  });

  test('refuses a transaction past its expiry, and a wrong PKCE verifier', async () => {
    const { transaction, query } = await signInAtProvider();
    await expect(finishOidcSignIn(cfg, query, transaction, transaction.expires + 1)).rejects.toThrow(/too long/);
    await expect(finishOidcSignIn(cfg, query, { ...transaction, verifier: 'x'.repeat(43) })).rejects.toThrow(/error in the response body/);
  });

  test('the transaction cookie round-trips, and hostile ones decode to null or a safe next path', () => {
    const t = { state: 's', nonce: 'n', verifier: 'v', next: '/graph', expires: 1 };
    expect(decodeTransaction(encodeTransaction(t))).toEqual(t);
    expect(decodeTransaction(encodeTransaction({ ...t, next: '//evil.example' }))?.next).toBe('/');
    expect(decodeTransaction('not base64 json')).toBeNull();
    expect(decodeTransaction(undefined)).toBeNull();
  });

  test('is off unless issuer, client id and redirect URI are all set', () => {
    expect(oidcConfigFromEnv({ EASTWEST_OIDC_ISSUER: 'https://id.example' })).toBeNull();
  });
});
