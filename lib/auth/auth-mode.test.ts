import { describe, expect, test } from 'vitest';
import { isAuthRequired } from './index';

describe('isAuthRequired', () => {
  test.each([
    [{}, false, 'nothing configured: local single-user default'],
    [{ HOST: '127.0.0.1' }, false, 'npm start binds loopback'],
    [{ HOST: '::1' }, false, 'IPv6 loopback'],
    [{ __NEXT_PRIVATE_ORIGIN: 'http://127.0.0.1:3100' }, false, 'next start --hostname 127.0.0.1'],
    [{ HOSTNAME: 'c0ffee12ab' }, false, "a container's machine name is not a binding"],
    [{ EASTWEST_AUTH: '1' }, true, 'asked for'],
    [{ HOST: '0.0.0.0' }, true, 'every interface'],
    [{ HOST: '127.0.0.1', HOSTNAME: '0.0.0.0' }, true, 'standalone server on every interface'],
    [{ __NEXT_PRIVATE_ORIGIN: 'http://10.1.2.3:3000' }, true, 'next start --hostname 10.1.2.3'],
    [{ EASTWEST_HOST: 'eastwest.internal' }, true, 'a name'],
  ] as [Record<string, string>, boolean, string][])('%o → %s (%s)', (env, expected) => {
    expect(isAuthRequired(env)).toBe(expected);
  });
});
