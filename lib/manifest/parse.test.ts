// Reading manifests: multi-document YAML, JSON, `kind: List`, line numbers, and hostile input.
// YAML alias bombs: https://en.wikipedia.org/wiki/Billion_laughs_attack ; eemeli/yaml maxAliasCount https://eemeli.org/yaml/#tojs-options
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadManifestPaths, parseManifestText } from './index';

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const summary = (r: ReturnType<typeof parseManifestText>) => r.value.map((o) => `${o.kind}/${o.metadata.name}@${o.source.line}`);

describe('parseManifestText', () => {
  test.each([
    ['multi-document YAML with a leading ---', `---\n${ns('a')}---\n${ns('b')}`, ['Namespace/a@2', 'Namespace/b@7']],
    ['kind: List in YAML, one line per item', `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: b}\n`, ['Namespace/a@4', 'Namespace/b@7']],
    ['kind: List in JSON', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } }] }, null, 2), ['Namespace/a@5', 'Namespace/b@12']],
    ['NamespaceList (kubectl get ns -o json)', JSON.stringify({ apiVersion: 'v1', kind: 'NamespaceList', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] }), ['Namespace/a@1']],
    ['a single JSON object', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }), ['Namespace/a@1']],
    ['a top-level JSON array', JSON.stringify([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }], null, 1), ['Namespace/a@2']],
    ['empty documents are skipped', `---\n---\n${ns('a')}---\n`, ['Namespace/a@3']],
  ])('%s', (_name, text, expected) => {
    const r = parseManifestText(text, 'f.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(summary(r)).toEqual(expected);
  });

  test('metadata is normalised: labels as strings, namespace, ownerReferences', () => {
    const r = parseManifestText(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: n\n  labels: {tier: 1, on: true}\n  ownerReferences: [{kind: ReplicaSet, name: rs, controller: true}]\n`, 'p.yaml');
    expect(r.value[0]?.metadata).toEqual({ name: 'p', namespace: 'n', labels: { tier: '1', on: 'true' }, annotations: {}, ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', controller: true }] });
  });

  test('a broken document is reported with its line, the others are read', () => {
    const r = parseManifestText(`${ns('a')}---\nfoo: [unclosed\nbar: 1\n---\n${ns('b')}`, 'bad.yaml');
    expect(summary(r)).toEqual(['Namespace/a@1', 'Namespace/b@9']);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'yaml-syntax', file: 'bad.yaml' });
    expect(r.diagnostics[0]?.line).toBeGreaterThanOrEqual(6);
  });

  test.each([
    ['a scalar document', `${ns('a')}---\njust a string\n`, 'not-an-object', 6],
    ['an object without kind', `${ns('a')}---\nmetadata: {name: x}\n`, 'missing-kind', 6],
    ['an object without name', `${ns('a')}---\napiVersion: v1\nkind: Namespace\nmetadata: {}\n`, 'missing-name', 6],
  ])('%s is a diagnostic', (_name, text, code, line) => {
    const r = parseManifestText(text, 'x.yaml');
    expect(summary(r)).toEqual(['Namespace/a@1']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code, file: 'x.yaml', line })]);
  });

  test('a YAML alias bomb is contained', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `${ns('before')}---\n${levels.join('\n')}\n---\n${ns('after')}`;
    const r = parseManifestText(text, 'bomb.yaml');
    expect(summary(r)).toEqual(['Namespace/before@1', `Namespace/after@${levels.length + 7}`]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-alias-limit', file: 'bomb.yaml', line: 6 })]);
  });

  test('deeply nested input is an error, not a stack overflow', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const r = parseManifestText(deep, 'deep.json');
    expect(r.value).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', file: 'deep.json' });
  });

  test('deeply nested YAML is reported and the next document is still read', () => {
    const r = parseManifestText(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n---\n${ns('ok')}`, 'deep.yaml');
    expect(summary(r)).toEqual(['Namespace/ok@3']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'deep.yaml', line: 1 })]);
  });

  test('invalid JSON falls back to the YAML reader and reports one error per document', () => {
    const r = parseManifestText('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}\n', 'broken.json');
    expect(r.value).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'broken.json', line: expect.any(Number) })]);
  });
});

describe('loadManifestPaths', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'eastwest-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads files and directories recursively, .yaml/.yml/.json only, in a stable order', async () => {
    mkdirSync(path.join(dir, 'tree/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'tree/b.yml'), ns('b'));
    writeFileSync(path.join(dir, 'tree/a.yaml'), ns('a'));
    writeFileSync(path.join(dir, 'tree/sub/c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'c' } }));
    writeFileSync(path.join(dir, 'tree/notes.txt'), 'not a manifest');
    const r = await loadManifestPaths([path.join(dir, 'tree'), path.join(dir, 'missing.yaml')]);
    expect(r.value.map((o) => `${path.relative(dir, o.source.file)}:${o.metadata.name}`)).toEqual(['tree/a.yaml:a', 'tree/b.yml:b', 'tree/sub/c.json:c']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'file-not-found', file: path.join(dir, 'missing.yaml') })]);
  });

  test('a 50 MB file is read without crashing, with the rest of the input', async () => {
    // Generated here, never committed: a kubectl-style List of ~60k ConfigMaps (~50 MB), then a broken file and a good one.
    const pad = 'x'.repeat(700);
    const items = Array.from({ length: 62_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'big' }, data: { pad } }));
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 1);
    expect(big.length).toBeGreaterThan(50_000_000);
    writeFileSync(path.join(dir, 'big.json'), big);
    writeFileSync(path.join(dir, 'broken.yaml'), 'a: [\n');
    writeFileSync(path.join(dir, 'ok.yaml'), ns('after'));
    const r = await loadManifestPaths([path.join(dir, 'big.json'), path.join(dir, 'broken.yaml'), path.join(dir, 'ok.yaml')]);
    expect(r.value).toHaveLength(62_001);
    expect(r.value.at(-2)?.source.line).toBeGreaterThan(100_000);
    expect(r.value.at(-1)?.metadata.name).toBe('after');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-syntax', file: path.join(dir, 'broken.yaml') })]);
  }, 60_000);

  test('a 50 MB multi-document YAML file with a broken document in the middle', async () => {
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: big\ndata:\n  pad: ${'x'.repeat(720)}\n`;
    const docs = Array.from({ length: 62_000 }, (_, i) => (i === 30_000 ? 'broken: [\n' : doc(i)));
    const text = docs.join('---\n');
    expect(text.length).toBeGreaterThan(50_000_000);
    writeFileSync(path.join(dir, 'big.yaml'), text);
    const r = await loadManifestPaths([path.join(dir, 'big.yaml')]);
    expect(r.value).toHaveLength(61_999);
    expect(r.value.at(-1)).toMatchObject({ metadata: { name: 'cm-61999' }, source: { line: 61_999 * 8 + 1 - 6 } }); // the broken document is 6 lines shorter
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-syntax', file: path.join(dir, 'big.yaml'), line: expect.any(Number) })]);
    expect(r.diagnostics[0]?.line).toBeGreaterThanOrEqual(30_000 * 8 + 1);
  }, 120_000);
});
