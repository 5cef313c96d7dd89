// Property-based fuzzing of every traffic format (issue 10): importTraffic, given any bytes in any
// format (forced or detected), resolves with counts and diagnostics and never rejects. Inputs are
// real Online Boutique samples with mutations, plus pure noise, plus hostile regressions.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Inventory } from '../model/kubernetes';
import { FORMAT_NAMES, importTraffic, type TrafficImportResult } from './index';
import type { FormatName } from './model';
import { boutiqueInventory, sampleBytes } from './testing/boutique';
import { chunked } from './testing/builders';

const SAMPLES: Record<FormatName, string> = {
  hubble: 'hubble/hubble-observe.jsonl',
  'envoy-json': 'istio/istio-proxy-access-default.jsonl',
  'envoy-text': 'istio/istio-proxy-access-default.log',
  'linkerd-tap': 'linkerd/linkerd-viz-tap-ns-boutique.json',
  'linkerd-edges': 'linkerd/linkerd-viz-edges-deploy.json',
  'linkerd-metrics': 'linkerd/linkerd-proxy-metrics.prom',
  'nginx-json': 'nginx/paymentservice-mtls-access.jsonl',
  'app-json': 'nginx/paymentservice-mtls-access.jsonl',
  'aws-vpc': 'vpc-flow-logs/aws-vpc-flow-logs-v2.log',
  'gcp-vpc': 'vpc-flow-logs/gcp-vpc-flow-logs.jsonl',
  'edges-csv': 'edges/edges.csv',
  'edges-jsonl': 'edges/edges.jsonl',
};

let inventory: Inventory;
beforeAll(async () => {
  inventory = await boutiqueInventory();
});

function expectWellFormed(r: TrafficImportResult): void {
  expect(r.counts.imported).toBeLessThanOrEqual(r.counts.read);
  // Counts are whole and never negative (0 is possible: an edge list may say so, or a record that only adds rule
  // references may outlive its counted twin when that one was a bad record).
  for (const e of r.edges) expect(Number.isInteger(e.count) && e.count >= 0).toBe(true);
  for (const d of r.diagnostics) {
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(typeof d.message).toBe('string');
  }
}

/** The first lines of a sample: enough structure for mutations to reach deep into each parser. */
function head(format: FormatName, lines = 6): Uint8Array {
  const text = new TextDecoder().decode(sampleBytes(SAMPLES[format]));
  return new TextEncoder().encode(text.split('\n').slice(0, lines).join('\n'));
}

/** Byte-level mutations: flip, insert, delete, truncate, duplicate, splice in hostile bytes. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('splice' as const), at: fc.nat(), bytes: fc.constantFrom([0], [0xff, 0xfe], [0xc3, 0x28], [0x22], [0x7b], [0x2c], [0x0a, 0x0a], [0x1f, 0x8b]).map((b) => Uint8Array.from(b)) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(base: Uint8Array, ops: Mutation[]): Uint8Array {
  let b = base;
  for (const m of ops) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.op === 'flip' && b.length) b = Uint8Array.from(b, (v, i) => (i === at ? m.byte : v));
    else if (m.op === 'insert' || m.op === 'splice') b = Uint8Array.from([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
    else if (m.op === 'delete') b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + m.length)]);
    else if (m.op === 'truncate') b = b.subarray(0, at);
  }
  return b;
}

/** Whatever the bytes, importTraffic resolves with diagnostics: corrupt gzip, bad times and over-long lines included. */
describe.each(FORMAT_NAMES.map((f) => [f]))('importTraffic as %s never rejects', (format) => {
  test('on mutated samples, forced format and detected', { timeout: 120_000 }, async () => {
    const base = head(format);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), async (ops, force, chunk) => {
        const bytes = mutate(base, ops);
        const r = await importTraffic(chunked(bytes, chunk), { fileName: 'fuzz', inventory, ...(force ? { format } : {}), destination: 'boutique/paymentservice:50051' });
        expectWellFormed(r);
      }),
      { numRuns: 60 },
    );
  });

  test('on noise and arbitrary JSON', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }).map((vs) => new TextEncoder().encode(vs.map((v) => JSON.stringify(v)).join('\n')))), async (bytes) => {
        expectWellFormed(await importTraffic(bytes, { fileName: 'fuzz', inventory, format, destination: 'boutique/paymentservice:50051' }));
      }),
      { numRuns: 40 },
    );
  });
});

interface HostileCase {
  name: string;
  bytes: () => Uint8Array;
  /** Formats to force besides detection; all by default. */
  formats?: readonly FormatName[];
}

const enc = new TextEncoder();
const hostile: HostileCase[] = [
  {
    name: 'an Envoy entry with an impossible start_time',
    bytes: () => enc.encode(new TextDecoder().decode(head('envoy-json', 1)).replace(/"start_time":"[^"]+"/, '"start_time":"2026-13-45T99:99:99Z"')),
  },
  { name: 'NUL bytes between records', bytes: () => Uint8Array.from([...head('hubble', 2), 0, 0, 0, 0x0a, ...head('hubble', 2)]) },
  { name: 'invalid UTF-8', bytes: () => Uint8Array.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0xff, 0xfe, 0x7d, 0x0a]) },
  { name: 'a truncated gzip stream', bytes: () => gzipSync(head('hubble')).subarray(0, 40) },
  { name: 'gzip of random bytes claiming to be gzip', bytes: () => Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5]) },
  // Streamed, so memory stays flat; there is no cap on decompressed size (CPU grows with it).
  { name: 'a 20 MiB single line (over the line limit)', bytes: () => enc.encode(`{"flow": "${'x'.repeat(20 * 1024 * 1024)}"}\n`), formats: ['hubble'] },
  { name: 'a gzip bomb of newlines (16 MiB from ~16 KiB)', bytes: () => gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x0a)), formats: ['hubble'] },
  { name: 'a gzip bomb of one line (16 MiB of "a")', bytes: () => gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x61)), formats: ['envoy-text'] },
  { name: 'an 8 MiB single line', bytes: () => enc.encode(`{"flow": "${'x'.repeat(8 * 1024 * 1024)}"}\n`) },
  { name: 'deeply nested JSON', bytes: () => enc.encode(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}\n`) },
  { name: 'deeply nested arrays in a JSON document', bytes: () => enc.encode(`${'['.repeat(50_000)}${']'.repeat(50_000)}`) },
];

describe('hostile traffic input is contained', () => {
  test.each(hostile)('$name', { timeout: 120_000 }, async ({ bytes, formats = FORMAT_NAMES }) => {
    const input = bytes();
    for (const format of [undefined, ...formats]) {
      const r = await importTraffic(input, { fileName: 'hostile', inventory, ...(format ? { format } : {}), destination: 'boutique/paymentservice:50051' });
      expectWellFormed(r);
      expect(r.edges.length).toBeLessThanOrEqual(3);
    }
  });
});
