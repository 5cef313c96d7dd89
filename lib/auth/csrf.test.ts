import { describe, expect, test } from 'vitest';
import { checkCsrf } from './index';

describe('checkCsrf', () => {
  test.each([
    [{ host: 'a.example' }, true, 'no browser metadata: curl or the CLI'],
    [{ host: 'a.example', 'sec-fetch-site': 'same-origin', origin: 'http://a.example' }, true, 'same origin'],
    [{ host: 'a.example', 'sec-fetch-site': 'none' }, true, 'typed into the address bar'],
    [{ host: 'a.example', 'sec-fetch-site': 'same-site', origin: 'http://b.a.example' }, false, 'a sibling subdomain'],
    [{ host: 'a.example', 'sec-fetch-site': 'cross-site' }, false, 'another site'],
    [{ host: 'a.example:3000', origin: 'http://a.example:4000' }, false, 'another port is another origin'],
    [{ host: 'a.example', origin: 'not a url' }, false, 'malformed Origin'],
    [{ host: 'internal:3000', 'x-forwarded-host': 'eastwest.corp', origin: 'https://eastwest.corp' }, true, 'behind a reverse proxy'],
  ] as [Record<string, string>, boolean, string][])('%o → allowed %s (%s)', (headers, allowed) => {
    expect(checkCsrf(new Headers(headers)) === null).toBe(allowed);
  });
});
