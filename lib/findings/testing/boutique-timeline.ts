import path from 'node:path';
import { buildInventory } from '../../inventory';
import { loadManifestPaths } from '../../manifest';
import { BOUTIQUE_DIR, readBoutiqueEdges } from '../../graph/testing/boutique';
import type { ObservedEdge } from '../../traffic/model';
import type { SnapshotInput } from '../types';

export const FINDINGS_FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/findings');
export const BOUTIQUE_POLICIES = ['policies/networkpolicy.yaml'];

/** Test support: Online Boutique snapshots built from the canonical edge list (fixtures/boutique/edges). */
export async function loadBoutiqueInput(extraFiles: string[] = [], edges: ObservedEdge[] = readBoutiqueEdges()): Promise<SnapshotInput> {
  const loaded = await loadManifestPaths([path.join(BOUTIQUE_DIR, 'kubernetes/cluster-state.json'), ...BOUTIQUE_POLICIES.map((f) => path.join(BOUTIQUE_DIR, f)), ...extraFiles]);
  return { inventory: buildInventory(loaded.value).value, objects: loaded.value, edges };
}

export function observed(source: string, destination: string, port: number, options: Partial<ObservedEdge> = {}): ObservedEdge {
  return {
    source,
    destination,
    port,
    protocol: 'TCP',
    count: 12,
    countUnit: 'requests',
    firstSeen: '2026-03-19T09:31:00Z',
    lastSeen: '2026-03-19T09:44:00Z',
    verdicts: { forwarded: options.count ?? 12 },
    observedBy: ['hubble'],
    ...options,
  };
}

/** README §3 A3: allowed by every policy dialect, never observed in the demo: a legitimate new caller. */
export const newCheckoutToRecommendation = observed('boutique/checkoutservice', 'boutique/recommendationservice', 8080, { appProtocol: 'grpc', firstSeen: '2026-03-19T09:32:10Z' });
/** Not allowed by any rule (paymentservice admits only checkoutservice): a new unauthorized caller. */
export const newShippingToPayment = observed('boutique/shippingservice', 'boutique/paymentservice', 50051, { firstSeen: '2026-03-19T09:33:00Z', verdicts: { 'dropped:POLICY_DENIED': 12 } });
/** E16, removed in the second snapshot. */
export const E16 = { source: 'boutique/recommendationservice', destination: 'boutique/productcatalogservice', port: 3550 };

const isE16 = (e: ObservedEdge) => e.source === E16.source && e.destination === E16.destination && e.port === E16.port;

/** The second snapshot's edges: the demo's, without E16, plus `added`. */
export function laterEdges(added: ObservedEdge[]): ObservedEdge[] {
  return [...readBoutiqueEdges().filter((e) => !isE16(e)), ...added];
}
