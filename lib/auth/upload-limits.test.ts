import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { checkRequestSize, parseByteSize, PROXY_BODY_BYTES, uploadLimitsFromEnv } from './index';

describe('upload limits', () => {
  test.each([
    ['1048576', 1048576],
    ['512kb', 512 * 1024],
    ['100MB', 100 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1.5m', 1.5 * 1024 ** 2],
    ['', null],
    ['-5', null],
    ['lots', null],
    ['0', null],
  ])('parseByteSize(%j) = %s', (text, expected) => {
    expect(parseByteSize(text)).toBe(expected);
  });

  test('reads the limit from the environment, with a default', () => {
    expect(uploadLimitsFromEnv({ EASTWEST_MAX_REQUEST_BYTES: '10mb' })).toEqual({ maxRequestBytes: 10 * 1024 ** 2 });
    expect(uploadLimitsFromEnv({ EASTWEST_MAX_REQUEST_BYTES: 'nonsense' })).toEqual({ maxRequestBytes: 256 * 1024 ** 2 });
  });

  test.each([
    ['GET', {}, null],
    ['POST', { 'content-length': '1000' }, null],
    ['POST', { 'content-length': '1001' }, 413],
    ['POST', { 'transfer-encoding': 'chunked' }, 411],
    ['POST', { 'content-length': 'abc' }, 411],
    ['POST', {}, null],
  ] as [string, Record<string, string>, number | null][])('%s %o → %s', (method, headers, status) => {
    expect(checkRequestSize(method, new Headers(headers), 1000)?.status ?? null).toBe(status);
  });

  test('names the limit in the 413 message', () => {
    expect(checkRequestSize('POST', new Headers({ 'content-length': String(2 * 1024 ** 2) }), 1024 ** 2)?.message).toBe('request body of 2.0 MiB exceeds the limit of 1.0 MiB (EASTWEST_MAX_REQUEST_BYTES)');
  });

  test("Next's proxy body buffer holds every body the proxy lets through, so none is truncated", async () => {
    const file = pathToFileURL(path.resolve(import.meta.dirname, '../../next.config.mjs')).href;
    const nextConfig = ((await import(file)) as { default: NextConfig }).default;
    const buffer = nextConfig.experimental?.proxyClientMaxBodySize;
    expect(buffer).toBeGreaterThanOrEqual(PROXY_BODY_BYTES);
  });
});
