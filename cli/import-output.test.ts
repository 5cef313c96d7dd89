import { describe, expect, test } from 'vitest';
import type { FileImportResult } from '../lib/db';
import { renderImportResult, renderImportSummary } from './import-output';

const result = (o: Partial<FileImportResult>): FileImportResult => ({
  jobId: 1,
  fileName: 'f.log',
  status: 'succeeded',
  format: 'hubble',
  counts: { read: 10, imported: 10, skipped: {}, rejected: 0 },
  diagnostics: [],
  ...o,
});

const unknownFormat = result({
  status: 'failed',
  format: null,
  counts: { read: 0, imported: 0, skipped: {}, rejected: 0 },
  diagnostics: [{ severity: 'error', code: 'unknown-format', message: 'format not recognised: neither Kubernetes manifests (apiVersion and kind) nor a known traffic log', file: 'notes.txt', line: 1 }],
  message: 'format not recognised: neither Kubernetes manifests (apiVersion and kind) nor a known traffic log',
  fileName: 'notes.txt',
});

describe('renderImportResult', () => {
  test('an unknown format: said once, then the flags that help', () => {
    const lines = renderImportResult(unknownFormat, false).split('\n');
    expect(lines).toEqual([
      'notes.txt: failed, read 0, imported 0',
      '  notes.txt:1: error: format not recognised: neither Kubernetes manifests (apiVersion and kind) nor a known traffic log [unknown-format]',
      expect.stringMatching(/^ {2}hint: if it is a traffic log, name its format with --format \(hubble, envoy-json, .*\); Envoy\/Istio logs in a custom format need --envoy-format$/),
    ]);
  });

  test('an Envoy log none of whose lines matched points at --envoy-format', () => {
    const r = result({ status: 'failed', format: 'envoy-text', diagnostics: [{ severity: 'error', code: 'no-valid-records', message: 'no record could be read', file: 'a.log' }] });
    expect(renderImportResult(r, false)).toMatch(/\n {2}hint: an Envoy\/Istio log in a custom format is read with that format: --envoy-format$/);
  });

  test.each([
    { name: 'failed', status: 'failed' as const, first: 'a.log: failed (nginx-json), read 1, imported 0, skipped: missing-field 1' },
    { name: 'partly imported', status: 'succeeded' as const, first: 'a.log: succeeded, 1 rejected (nginx-json), read 1, imported 0, skipped: missing-field 1' },
  ])('records without a destination ($name): the neutral message, then --destination', ({ status, first }) => {
    const d = { severity: 'warning' as const, code: 'missing-destination', message: 'no destination: the import names none', file: 'a.log', line: 1 };
    const r = result({ fileName: 'a.log', status, format: 'nginx-json', counts: { read: 1, imported: 0, skipped: { 'missing-field': 1 }, rejected: 1 }, diagnostics: [d] });
    expect(renderImportResult(r, false).split('\n')).toEqual([
      first,
      '  a.log:1: warning: no destination: the import names none [missing-destination]',
      '  hint: NGINX and application logs do not name the server that wrote them: give it with --destination ns/name[:port]',
    ]);
  });

  test('rejected records make a succeeded file say so', () => {
    const r = result({ counts: { read: 10, imported: 8, skipped: { 'invalid-json': 2 }, rejected: 2 }, diagnostics: [{ severity: 'warning', code: 'invalid-json', message: 'bad', file: 'f.log', line: 3 }] });
    expect(renderImportResult(r, false).split('\n')[0]).toBe('f.log: succeeded, 2 rejected (hubble), read 10, imported 8, skipped: invalid-json 2');
  });

  test('no hint on a file that imported', () => {
    expect(renderImportResult(result({}), false)).toBe('f.log: succeeded (hubble), read 10, imported 10');
  });
});

describe('renderImportSummary', () => {
  test.each([
    { name: 'a clean import', results: [result({})], exists: true, expected: 'snapshot "s": 1 imported, 0 already imported, 0 failed' },
    { name: 'a partial file', results: [result({ counts: { read: 2, imported: 1, skipped: {}, rejected: 1 } }), result({})], exists: true, expected: 'snapshot "s": 2 imported (1 with rejected records), 0 already imported, 0 failed' },
    { name: 'a new snapshot nothing went into', results: [unknownFormat], exists: false, expected: 'snapshot "s": 0 imported, 0 already imported, 1 failed; nothing was imported, so the snapshot was not created' },
  ])('$name', ({ results, exists, expected }) => {
    expect(renderImportSummary('s', results, exists)).toBe(expected);
  });
});
