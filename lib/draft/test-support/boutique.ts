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

interface EdgeRow {
  source: string;
  destination: string;
  port: number;
  protocol: ObservedEdge['protocol'];
  count: number;
  first_seen: string;
  last_seen: string;
  app_protocol?: string;
  count_unit?: ObservedEdge['countUnit'];
  verdict?: string;
  observed_by?: string;
}

/** The canonical edge list (`edges/edges.jsonl`) as ObservedEdges, read the way the documented format says. */
export function boutiqueEdges(): ObservedEdge[] {
  const text = readFileSync(path.join(FIXTURES, 'boutique/edges/edges.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EdgeRow)
    .map((r) => ({
      source: r.source,
      destination: r.destination,
      port: r.port,
      protocol: r.protocol,
      ...(r.app_protocol ? { appProtocol: r.app_protocol } : {}),
      count: r.count,
      countUnit: r.count_unit ?? 'flows',
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      verdicts: { [r.verdict ?? 'unknown']: r.count },
      observedBy: (r.observed_by ?? '').split(',').filter(Boolean).sort(),
    }));
}

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
