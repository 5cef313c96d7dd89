import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { FORMAT_NAMES } from './index';
import { importSample, importText, readSample, sampleBytes } from './testing/boutique';
import { chunked } from './testing/builders';

const HUBBLE = 'hubble/hubble-observe.jsonl';

describe('importTraffic', () => {
  test('gzip input is detected by its magic bytes and gives the same result', async () => {
    const [plain, gz] = await Promise.all([importSample(HUBBLE), importText(gzipSync(sampleBytes(HUBBLE)))]);
    expect(gz.format).toBe('hubble');
    expect(gz.edges).toEqual(plain.edges);
    expect(gz.counts).toEqual(plain.counts);
  });

  test.each([1, 7, 4096])('streaming: chunks of %i bytes (lines and UTF-8 split across chunks) give the same result', async (size) => {
    const bytes = new TextEncoder().encode(readSample('linkerd/linkerd-viz-tap-ns-boutique.json') + '\n');
    const [whole, parts] = await Promise.all([importText(bytes), importText(chunked(bytes, size))]);
    expect(parts.edges).toEqual(whole.edges);
    const utf8 = new TextEncoder().encode('source,destination,port,protocol,count,first_seen,last_seen,path\na/b,c/d,80,TCP,1,2026-03-12T09:30:00Z,2026-03-12T09:31:00Z,/café/ü\n');
    const u = await importText(chunked(utf8, size));
    expect(u.edges.map((e) => e.pathTemplate)).toEqual(['/café/ü']);
  });

  test('bad lines are reported with line number and reason; the import continues and counts them', async () => {
    const lines = readSample(HUBBLE).split('\n').filter(Boolean);
    const text = [lines[0], 'not json at all', lines[1], '{"flow":{"verdict":"FORWARDED","IP":{"source":"10.0.1.57"},"l4":{"TCP":{}}}}', ...lines.slice(2)].join('\r\n');
    const r = await importText(text);
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 'invalid-json'],
      [4, 'missing-field'],
    ]);
    expect(r.counts.read).toBe(lines.length + 2);
    expect(r.counts.skipped).toMatchObject({ 'invalid-json': 1, 'missing-field': 1 });
    expect(r.edges).toEqual((await importSample(HUBBLE)).edges);
  });

  test.each([
    { threshold: 0.5, garbage: 3, fails: false },
    { threshold: 0.05, garbage: 3, fails: true },
    { threshold: 2, garbage: 3, fails: true },
    { threshold: 3, garbage: 3, fails: false },
  ])('badRecordThreshold $threshold with $garbage bad lines fails: $fails', async ({ threshold, garbage, fails }) => {
    const text = [...Array.from({ length: garbage }, () => 'garbage'), ...readSample(HUBBLE).split('\n')].join('\n');
    const r = await importText(text, { format: 'hubble', badRecordThreshold: threshold });
    expect(r.diagnostics.some((d) => d.code === 'too-many-bad-records' && d.severity === 'error')).toBe(fails);
    expect(r.edges.length === 0).toBe(fails);
  });

  test('an unknown format is one clear error that lists every supported format', async () => {
    const r = await importText('hello world\nthis is not traffic\n');
    expect(r.format).toBeNull();
    expect(r.edges).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'unknown-traffic-format', file: 'test' });
    for (const f of FORMAT_NAMES) expect(r.diagnostics[0]?.message).toContain(f);
    expect(r.diagnostics[0]?.message, 'no surface\'s control: the CLI adds its flags').not.toMatch(/--\w/);
  });

  test('the format is detected from content, not from the file name', async () => {
    const r = await importText(sampleBytes('istio/istio-proxy-access-default.log'), { fileName: 'flows.csv' });
    expect(r.format).toBe('envoy-text');
  });

  test('an empty input imports nothing with a warning', async () => {
    const r = await importText('');
    expect(r.counts.read).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['empty-traffic-file']);
  });

  test('progress is reported in bytes and records', async () => {
    const seen: { bytes: number; records: number }[] = [];
    await importSample(HUBBLE, { onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ bytes: sampleBytes(HUBBLE).length, records: 36 });
  });
});
