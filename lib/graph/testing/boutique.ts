import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildInventory } from '../../inventory';
import { loadManifestPaths } from '../../manifest';
import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { Protocol } from '../../model/kubernetes';
import { createEvaluator } from '../../policy';
import type { ObservedEdge } from '../../traffic/model';

/** Test support: the Online Boutique sample (fixtures/boutique) loaded as the classifier's inputs. */
export const BOUTIQUE_DIR = path.resolve(import.meta.dirname, '../../../fixtures/boutique');

interface EdgeRow {
  source: string;
  destination: string;
  port: number;
  protocol: Protocol;
  count: number;
  first_seen: string;
  last_seen: string;
  app_protocol?: string;
  verdict?: string;
  observed_by?: string;
}

/** The canonical edge list (fixtures/boutique/edges/edges.jsonl, README §5) read directly as ObservedEdges. */
export function readBoutiqueEdges(): ObservedEdge[] {
  const text = readFileSync(path.join(BOUTIQUE_DIR, 'edges/edges.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EdgeRow)
    .map((r) => ({
      source: r.source,
      destination: r.destination,
      port: r.port,
      protocol: r.protocol,
      ...(r.app_protocol ? { appProtocol: r.app_protocol } : {}),
      count: r.count,
      countUnit: 'requests',
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      verdicts: { [r.verdict ?? 'unknown']: r.count },
      observedBy: (r.observed_by ?? '').split(',').filter(Boolean).sort(),
    }));
}

export interface BoutiqueInputs {
  inventory: Inventory;
  objects: ManifestObject[];
  evaluator: ReturnType<typeof createEvaluator>['value'];
  diagnostics: Diagnostic[];
}

export async function loadBoutique(policyFiles: string[] = ['policies/networkpolicy.yaml']): Promise<BoutiqueInputs> {
  const loaded = await loadManifestPaths([path.join(BOUTIQUE_DIR, 'kubernetes/cluster-state.json'), ...policyFiles.map((f) => path.join(BOUTIQUE_DIR, f))]);
  const inventory = buildInventory(loaded.value).value;
  const built = createEvaluator(inventory, loaded.value);
  return { inventory, objects: loaded.value, evaluator: built.value, diagnostics: built.diagnostics };
}
