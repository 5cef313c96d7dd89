import path from 'node:path';
import { buildInventory } from '../../inventory';
import { loadManifestPaths } from '../../manifest';
import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import { createEvaluator } from '../../policy';
import { boutiqueClusterObjects } from '../../policy/mesh/boutique';
import { boutiqueEdges } from '../../testing/boutique-edges';

/** Test support: the Online Boutique sample (fixtures/boutique) loaded as the classifier's inputs. */
export const BOUTIQUE_DIR = path.resolve(import.meta.dirname, '../../../fixtures/boutique');

/** The canonical edge list (fixtures/boutique/edges/edges.jsonl, README §5) as lib/traffic imports it. */
export const readBoutiqueEdges = boutiqueEdges;

export interface BoutiqueInputs {
  inventory: Inventory;
  objects: ManifestObject[];
  evaluator: ReturnType<typeof createEvaluator>['value'];
  diagnostics: Diagnostic[];
}

/**
 * The cluster export plus policy files (relative to fixtures/boutique). `mesh: 'linkerd'` is the README's Linkerd
 * variant: the export's pods carry Istio sidecars, swapped for linkerd-proxy as the Linkerd layer's own tests do.
 */
export async function loadBoutique(policyFiles: string[] = ['policies/networkpolicy.yaml'], mesh: 'istio' | 'linkerd' = 'istio'): Promise<BoutiqueInputs> {
  const clusterFile = mesh === 'istio' ? [path.join(BOUTIQUE_DIR, 'kubernetes/cluster-state.json')] : [];
  const loaded = await loadManifestPaths([...clusterFile, ...policyFiles.map((f) => path.join(BOUTIQUE_DIR, f))]);
  const objects = mesh === 'istio' ? loaded.value : [...boutiqueClusterObjects(mesh), ...loaded.value];
  const inventory = buildInventory(objects).value;
  const built = createEvaluator(inventory, objects);
  return { inventory, objects, evaluator: built.value, diagnostics: built.diagnostics };
}
