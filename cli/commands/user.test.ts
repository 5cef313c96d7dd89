import { PassThrough, Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { readPassword, roleFromFlags } from './user';

describe('eastwest user add', () => {
  test.each([
    [{ admin: true }, 'admin'],
    [{ editor: true }, 'editor'],
    [{ viewer: true }, 'viewer'],
  ] as const)('%o → %s', (flags, role) => {
    expect(roleFromFlags(flags)).toBe(role);
  });

  test.each([[{}], [{ admin: true, viewer: true }]])('%o has no default role', (flags) => {
    expect(() => roleFromFlags(flags)).toThrow(/exactly one role/);
  });

  test('reads the password from the first line of a pipe', async () => {
    expect(await readPassword(Readable.from(['s3cret passphrase\r\nignored\n']), new PassThrough())).toBe('s3cret passphrase');
  });

  test('an empty pipe is an error, not an empty password', async () => {
    await expect(readPassword(Readable.from([]), new PassThrough())).rejects.toThrow(/no password/);
  });
});
