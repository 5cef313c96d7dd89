// Property-based fuzzing of the manifest parser (issue 10): whatever the text, parseManifestText
// returns objects and diagnostics and never throws. Hostile-input regressions follow the
// properties; the YAML ones are the classic attacks on YAML loaders (billion laughs:
// https://en.wikipedia.org/wiki/Billion_laughs_attack).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseManifestText } from './index';

const FILE = 'fuzz.yaml';

function expectWellFormed(r: ReturnType<typeof parseManifestText>): void {
  expect(Array.isArray(r.value)).toBe(true);
  for (const o of r.value) {
    expect(typeof o.kind).toBe('string');
    expect(typeof o.apiVersion).toBe('string');
  }
  for (const d of r.diagnostics) {
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(d.file).toBe(FILE);
    expect(typeof d.message).toBe('string');
  }
}

/** Fragments that make the generator produce YAML-ish and JSON-ish text, not just noise. */
const fragment = fc.constantFrom(
  'apiVersion: v1\n', 'kind: Pod\n', 'kind: List\n', 'items:\n', 'metadata:\n', '  name: a\n', '  namespace: b\n', '  labels: {app: x}\n',
  '---\n', '...\n', '- ', '&a ', '*a ', '!!binary ', '!!js/function ', '<<: *a\n', '{', '}', '[', ']', ':', '"', "'", '#', '|\n', '>\n',
  '\t', '\0', '\uFEFF', '\uFFFD', '%YAML 1.2\n', '? ', 'null', '1e999', '0x1F', '  ', '\n', '\r\n',
);
const yamlish = fc.array(fc.oneof(fragment, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((parts) => parts.join(''));
const jsonish = fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v));

describe('parseManifestText never throws', () => {
  test.each([
    ['any unicode text', fc.string({ unit: 'grapheme', maxLength: 400 })],
    ['YAML-ish fragments', yamlish],
    ['any JSON value', jsonish],
    ['JSON lists of arbitrary items', fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 10 }).map((items) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items }))],
    ['objects with arbitrary metadata', fc.record({ apiVersion: fc.string(), kind: fc.string(), metadata: fc.jsonValue({ maxDepth: 3 }), spec: fc.jsonValue({ maxDepth: 3 }) }).map((o) => JSON.stringify(o))],
  ] as const)('%s', { timeout: 120_000 }, (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary as fc.Arbitrary<string>, (text) => expectWellFormed(parseManifestText(text, FILE))),
      { numRuns: 300 },
    );
  });
});

const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 10; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);

interface HostileCase {
  name: string;
  text: () => string;
  /** The diagnostic that contains it, or null when the input is merely useless (no objects, no crash). */
  code: RegExp | null;
}

const hostile: HostileCase[] = [
  { name: 'billion laughs (alias bomb)', text: () => `${laughs.join('\n')}\napiVersion: v1\nkind: ConfigMap\n`, code: /yaml-alias-limit/ },
  { name: 'deeply nested flow sequences', text: () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`, code: /not-an-object/ },
  { name: 'deeply nested block mappings', text: () => Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), code: /yaml-syntax/ },
  { name: 'deeply nested JSON', text: () => `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`, code: /missing-kind/ },
  { name: 'an 8 MB single line', text: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {x: "${'x'.repeat(8 * 1024 * 1024)}"}\n`, code: null },
  { name: 'NUL bytes', text: () => 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\0b\n\0\0\0', code: /yaml-syntax/ },
  { name: 'invalid UTF-8 (decoded with replacement characters)', text: () => new TextDecoder().decode(new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0xff, 0xfe, 0x0a])), code: null },
  { name: 'a merge-key loop', text: () => 'a: &a\n  <<: *a\n', code: /missing-kind/ },
];

describe('hostile manifests are contained', () => {
  // Generous timeout: an 8 MB line takes seconds on a loaded 2-core machine; the point is that it ends.
  test.each(hostile)('$name', { timeout: 120_000 }, ({ text, code }) => {
    const r = parseManifestText(text(), FILE);
    expectWellFormed(r);
    if (code) expect(r.diagnostics.map((d) => d.code).join(' ')).toMatch(code);
  });
});
