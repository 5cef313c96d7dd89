/**
 * Test support shared by the graph and draft tests (both may import lib/traffic, neither the other): the Online
 * Boutique canonical edge list (fixtures/boutique/edges/edges.jsonl, README §5) read through lib/traffic, the
 * way an uploaded file is, so the tests see the edges the app would store.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildInventory } from '../inventory';
import { parseManifestText } from '../manifest';
import { importTraffic, type ObservedEdge } from '../traffic';

const BOUTIQUE_DIR = path.resolve(import.meta.dirname, '../../fixtures/boutique');
const CLUSTER_FILE = 'kubernetes/cluster-state.json';
const EDGES_FILE = 'edges/edges.jsonl';

async function importBoutiqueEdges(): Promise<ObservedEdge[]> {
  const objects = parseManifestText(readFileSync(path.join(BOUTIQUE_DIR, CLUSTER_FILE), 'utf8'), CLUSTER_FILE).value;
  const result = await importTraffic(readFileSync(path.join(BOUTIQUE_DIR, EDGES_FILE)), { fileName: EDGES_FILE, inventory: buildInventory(objects).value });
  // The sample is clean: anything the importer reports means the fixture or the parser changed under the tests.
  const problems = [...result.diagnostics.map((d) => `${d.code}: ${d.message}`), ...result.unresolved.map((u) => `unresolved ${u.value}`)];
  if (result.format !== 'edges-jsonl' || problems.length > 0) throw new Error(`${EDGES_FILE} imported as ${result.format}: ${problems.join('; ')}`);
  return result.edges;
}

// Imported once per test file; the top-level await keeps the accessor synchronous for tests that call it at load.
const imported = await importBoutiqueEdges();

/** The imported edges, a fresh copy on every call (tests change what they get). */
export function boutiqueEdges(): ObservedEdge[] {
  return structuredClone(imported);
}
