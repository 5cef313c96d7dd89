import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkConnection } from './connection';
import { DEFAULT_EMBEDDED_PORT } from './embedded';
import { resolveDatabase } from './resolve-database';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eastwest-embedded-'));
  dirs.push(dir);
  // mkdtemp makes a 0700 folder; as root the server runs as the `postgres` user, which must enter it.
  await chmod(dir, 0o755);
  return path.join(dir, 'pg');
}

describe('resolveDatabase', () => {
  test('without DATABASE_URL it starts an embedded PostgreSQL, which survives a restart and stops cleanly', async () => {
    const dataDir = await tempDataDir();
    const first = await resolveDatabase({}, { dataDir, port: DEFAULT_EMBEDDED_PORT + 100 });
    expect(first.kind).toBe('embedded');
    await checkConnection(first.url);
    await first.stop();
    await expect(checkConnection(first.url)).rejects.toThrow(/Cannot connect/);

    // Second start reuses the initialised data directory (and its password).
    const second = await resolveDatabase({}, { dataDir, port: DEFAULT_EMBEDDED_PORT + 100 });
    await checkConnection(second.url);
    await second.stop();
  });

  test.each([
    { why: 'not a URL', url: 'definitely not a url', message: /not a valid URL/ },
    { why: 'another database kind', url: 'mysql://root@127.0.0.1/eastwest', message: /must start with postgresql:\/\// },
    { why: 'a server that is not there', url: 'postgresql://eastwest:secret@127.0.0.1:1/eastwest', message: /^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/eastwest: / },
  ])('a bad DATABASE_URL ($why) fails with one line and no password', async ({ url, message }) => {
    const error = await resolveDatabase({ DATABASE_URL: url }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
    expect(error?.message).not.toContain('secret');
  });
});
