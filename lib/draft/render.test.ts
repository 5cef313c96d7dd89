import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { DRAFT_KINDS, generateDraft, renderFiles, renderZip, validateDraftObject, type DraftKind } from './index';
import { boutiqueEdges, boutiqueInventory, FIXTURES } from './test-support/boutique';

const inventory = boutiqueInventory();
const edges = boutiqueEdges();
const draftOf = (kind: DraftKind, input = edges) => generateDraft({ inventory, edges: input, scope: { namespaces: ['boutique'] }, kinds: [kind] });

/** Golden files start with the source line the fixture rule asks for; the rest is the rendered draft, byte for byte. */
const GOLDEN_SOURCE = '# Source: eastwest draft of fixtures/boutique (Online Boutique, https://github.com/GoogleCloudPlatform/microservices-demo), edges/edges.jsonl, scope boutique\n';

describe('rendering', () => {
  test.each(DRAFT_KINDS.map((k) => [k]))('%s draft matches its golden file', (kind) => {
    const file = path.join(FIXTURES, 'draft', `boutique-${kind}.yaml`);
    const actual = GOLDEN_SOURCE + draftOf(kind).yaml;
    // Regenerate with UPDATE_GOLDEN=1 after an intended change, and review the diff.
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
    expect(existsSync(file), `missing golden file ${file}`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  test.each(DRAFT_KINDS.map((k) => [k]))('%s: every document is valid against its API schema', (kind) => {
    const draft = draftOf(kind);
    expect(draft.documents.length).toBeGreaterThan(0);
    for (const doc of parseAllDocuments(draft.yaml)) {
      const o = doc.toJS() as { kind: string; metadata: { name: string } };
      expect(validateDraftObject(o), `${o.kind}/${o.metadata.name}`).toEqual([]);
    }
  });

  test('the schema check rejects what the APIs reject', () => {
    const valid = draftOf('networkpolicy').documents[0]?.object;
    expect(valid && validateDraftObject(valid)).toEqual([]);
    expect(validateDraftObject({ ...valid, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.1/32' }, podSelector: {} }] }] } })).not.toEqual([]);
    expect(validateDraftObject({ ...valid, metadata: { name: 'Bad_Name', namespace: 'x' } })).not.toEqual([]);
  });

  test('same input in another order gives byte-identical YAML and zip', () => {
    const shuffled = [...edges].reverse();
    for (const kind of DRAFT_KINDS) expect(draftOf(kind, shuffled).yaml).toBe(draftOf(kind).yaml);
    const all = generateDraft({ inventory, edges, scope: { namespaces: ['boutique'] }, kinds: [...DRAFT_KINDS] });
    const allShuffled = generateDraft({ inventory, edges: shuffled, scope: { namespaces: ['boutique'] }, kinds: [...DRAFT_KINDS].reverse() });
    expect(Buffer.from(renderZip(allShuffled.documents)).equals(Buffer.from(renderZip(all.documents)))).toBe(true);
  });

  test('mapping keys are sorted in every document', () => {
    const isSorted = (v: unknown): boolean => {
      if (Array.isArray(v)) return v.every(isSorted);
      if (v && typeof v === 'object') {
        const keys = Object.keys(v);
        return keys.every((k, i) => i === 0 || (keys[i - 1] as string) < k) && Object.values(v).every(isSorted);
      }
      return true;
    };
    for (const doc of parseAllDocuments(draftOf('cilium').yaml)) expect(isSorted(doc.toJS())).toBe(true);
  });

  test('every rule carries its provenance (observed count, first and last seen)', () => {
    const yaml = draftOf('networkpolicy').yaml;
    expect(yaml).toContain('# boutique/checkoutservice -> boutique/paymentservice 50051/TCP: 203 observed, first 2026-03-12T09:30:16.000Z, last 2026-03-12T09:44:44.000Z');
  });

  test('zip: one file per namespace plus a kustomization listing them', () => {
    const draft = generateDraft({ inventory, edges, kinds: ['networkpolicy'], scope: { namespaces: ['boutique', 'istio-system'] } });
    const files = unzipSync(renderZip(draft.documents));
    expect(Object.keys(files).sort()).toEqual(['boutique.yaml', 'istio-system.yaml', 'kustomization.yaml']);
    const kustomization = strFromU8(files['kustomization.yaml'] ?? new Uint8Array());
    expect(kustomization).toContain('kind: Kustomization');
    expect(kustomization).toMatch(/resources:\n\s+- boutique.yaml\n\s+- istio-system.yaml/);
    expect(strFromU8(files['boutique.yaml'] ?? new Uint8Array())).toBe(renderFiles(draft.documents)['boutique.yaml']);
  });
});
