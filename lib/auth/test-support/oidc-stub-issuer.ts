import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal OpenID Connect provider on loopback for tests: discovery, an /authorize that signs in
 * `user` at once, a /token that checks the client secret and PKCE, and RS256 ID tokens.
 * `tamper` makes it misbehave the way a hostile or broken provider would.
 */
export interface StubIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  tamper: { nonce?: string; audience?: string; expired?: boolean };
  close(): Promise<void>;
}

const b64 = (v: Buffer | string) => Buffer.from(v).toString('base64url');

export async function startStubIssuer(user: { sub: string; preferred_username?: string; email?: string }): Promise<StubIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; challenge: string; redirectUri: string }>();
  const stub: StubIssuer = { issuer: '', clientId: 'eastwest', clientSecret: randomBytes(16).toString('hex'), tamper: {}, close: async () => undefined };

  function idToken(nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const exp = stub.tamper.expired ? now - 3600 : now + 300;
    const payload = { iss: stub.issuer, aud: stub.tamper.audience ?? stub.clientId, sub: user.sub, iat: now - 1, exp, nonce: stub.tamper.nonce ?? nonce, preferred_username: user.preferred_username, email: user.email };
    const data = `${b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k1' }))}.${b64(JSON.stringify(payload))}`;
    return `${data}.${b64(sign('sha256', Buffer.from(data), privateKey))}`;
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', stub.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: stub.issuer,
        authorization_endpoint: `${stub.issuer}/authorize`,
        token_endpoint: `${stub.issuer}/token`,
        jwks_uri: `${stub.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      const code = randomBytes(12).toString('hex');
      codes.set(code, { nonce: p.get('nonce') ?? '', challenge: p.get('code_challenge') ?? '', redirectUri: p.get('redirect_uri') ?? '' });
      const back = new URL(p.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        // client_secret_basic or client_secret_post (RFC 6749 §2.3.1), as most providers accept.
        const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
        const [id, secret] = req.headers.authorization ? basic.split(':').map((s) => decodeURIComponent(s)) : [form.get('client_id'), form.get('client_secret')];
        if (id !== stub.clientId || secret !== stub.clientSecret) return json(401, { error: 'invalid_client' });
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
        json(200, { access_token: randomBytes(12).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken(grant.nonce) });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () => new Promise((resolve) => server.close(() => resolve()));
  return stub;
}
