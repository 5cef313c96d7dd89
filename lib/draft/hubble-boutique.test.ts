import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEvaluator } from '../policy';
import { readTrafficFiles } from '../traffic/node';
import type { Evaluator } from '../model/verdict';
import { evaluateEdge, generateDraft, toManifestObjects, type Draft } from './index';
import { answerKey, boutiqueInventory, FIXTURES } from './test-support/boutique';

/** The same answer-key checks with traffic read from the Hubble sample by the traffic importer. */
const inventory = boutiqueInventory();
const key = answerKey().filter((e) => !e.source.includes('<'));
let draft: Draft;
let evaluator: Evaluator;

beforeAll(async () => {
  const traffic = await readTrafficFiles([path.join(FIXTURES, 'boutique/hubble/hubble-observe.jsonl')], inventory);
  draft = generateDraft({ inventory, edges: traffic.edges, scope: { namespaces: ['boutique'] } });
  evaluator = createEvaluator(inventory, toManifestObjects(draft.documents).value).value;
});

describe('NetworkPolicy draft from the Hubble sample', () => {
  test.each(key.map((e) => [e.id, e] as const))('%s', (id, e) => {
    expect(evaluateEdge(evaluator, inventory, e).outcome).toBe(id.startsWith('E') ? 'allowed' : 'denied');
  });

  test('the dropped attempts (U1-U3) were seen and left out', () => {
    expect(draft.excluded.filter((x) => x.reason === 'filtered').map((x) => x.edge.source).sort()).toEqual(expect.arrayContaining(['boutique/frontend', 'tools/netshoot-debug']));
  });
});
