import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import type { Inventory } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { ObservedEdge } from '../../traffic/model';

/** Test-only loaders for the Online Boutique samples (fixtures/boutique, see its README). */
export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures');

export function loadObjects(...files: string[]): ManifestObject[] {
  return files.flatMap((f) => parseManifestText(readFileSync(path.join(FIXTURES, f), 'utf8'), f).value);
}

export function boutiqueInventory(): Inventory {
  return buildInventory(loadObjects('boutique/kubernetes/cluster-state.json')).value;
}

/** The canonical edge list (`edges/edges.jsonl`, README §5) as lib/traffic imports it. */
export { boutiqueEdges } from '../../testing/boutique-edges';

export interface AnswerKeyEdge {
  id: string;
  source: string;
  destination: string;
  port: number;
  protocol: ObservedEdge['protocol'];
  classification: string;
}

export function answerKey(): AnswerKeyEdge[] {
  return (JSON.parse(readFileSync(path.join(FIXTURES, 'boutique/answer-key.json'), 'utf8')) as { edges: AnswerKeyEdge[] }).edges;
}
