import { describe, expect, test } from 'vitest';
import type { ImportResult } from './import-result';
import { resultHint, resultState, resultSummary } from './result-view';

/** A result as the import API answers it; `diagnostics` by code and message. */
const result = (o: Partial<ImportResult> & { codes?: string[] }): ImportResult => ({
  fileName: 'f',
  status: 'succeeded',
  format: null,
  counts: { read: 10, imported: 10, skipped: {}, rejected: 0 },
  diagnostics: (o.codes ?? []).map((code) => ({ severity: 'error' as const, code, message: `${code} message`, file: 'f', line: 1 })),
  ...o,
});

const unknownFormat = result({ status: 'failed', codes: ['unknown-format'], message: 'unknown-format message' });

describe('resultState', () => {
  test.each([
    { name: 'every record imported', r: result({}), expected: 'succeeded' },
    { name: 'some records rejected', r: result({ counts: { read: 10, imported: 8, skipped: { 'invalid-json': 2 }, rejected: 2 } }), expected: 'partial' },
    { name: 'an older server without rejected', r: result({ counts: { read: 1, imported: 1 } }), expected: 'succeeded' },
    { name: 'duplicate', r: result({ status: 'duplicate' }), expected: 'duplicate' },
    { name: 'failed', r: unknownFormat, expected: 'failed' },
  ])('$name -> $expected', ({ r, expected }) => {
    expect(resultState(r)).toBe(expected);
  });
});

describe('resultSummary', () => {
  test('a message that repeats a diagnostic is not shown twice', () => {
    expect(resultSummary(unknownFormat)).toBeUndefined();
  });
  test('a message of its own is shown', () => {
    expect(resultSummary(result({ message: '12 objects: 3 workloads' }))).toBe('12 objects: 3 workloads');
  });
});

describe('resultHint: the page’s own controls, never the CLI’s flags', () => {
  test.each([
    { name: 'unknown format', r: unknownFormat, expected: /^If it is an Envoy or Istio access log in your own format, paste that format under “Custom Envoy \/ Istio log format”/ },
    { name: 'an Envoy log none of whose lines matched', r: result({ status: 'failed', format: 'envoy-text', codes: ['no-valid-records', 'invalid-record'] }), expected: /Custom Envoy \/ Istio log format/ },
    { name: 'an NGINX log without its server', r: result({ status: 'failed', format: 'nginx-json', codes: ['no-valid-records', 'missing-destination'] }), expected: /under “Server-side logs” \(namespace\/name\[:port\]\) and import the file again\.$/ },
    { name: 'an app log some of whose records name no server', r: result({ format: 'app-json', codes: ['missing-destination'] }), expected: /^These logs do not name the server that wrote them: give it under “Server-side logs” \(namespace\/name\[:port\]\)\.$/ },
    { name: 'records missing another field', r: result({ status: 'failed', format: 'nginx-json', codes: ['no-valid-records', 'missing-field'] }), expected: undefined },
    { name: 'binary content', r: result({ status: 'failed', codes: ['binary-file'] }), expected: undefined },
    { name: 'an invalid policy', r: result({ status: 'failed', format: 'kubernetes', codes: ['invalid-policy'] }), expected: undefined },
    { name: 'a succeeded file', r: result({ codes: ['unknown-format'] }), expected: undefined },
  ])('$name', ({ r, expected }) => {
    const hint = resultHint(r);
    if (expected === undefined) expect(hint).toBeUndefined();
    else expect(hint).toMatch(expected);
    expect(hint ?? '').not.toMatch(/--\w/);
  });
});
