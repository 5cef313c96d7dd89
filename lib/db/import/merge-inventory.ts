import type { Inventory, Pod } from '@/lib/model';

const byKey = <T>(key: (t: T) => string) => (existing: readonly T[], added: readonly T[]): T[] => {
  const out = new Map<string, T>();
  for (const t of existing) out.set(key(t), t);
  for (const t of added) out.set(key(t), t); // like `kubectl apply`: the newer object replaces the older one
  return [...out.values()];
};

const nsName = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;
const workloadOf = (p: Pod) => `${p.workload.namespace}/${p.workload.kind}/${p.workload.name}`;

/**
 * Adds the objects of a newly imported manifest file to a snapshot's inventory. Objects are keyed
 * as in the API server (namespace + name per kind); a re-imported object replaces the stored one.
 * A synthetic pod (stand-in for a workload whose pods were not exported, lib/inventory) is dropped
 * once real pods of that workload are known, whichever file brought them.
 */
export function mergeInventory(existing: Inventory, added: Inventory): Inventory {
  const pods = byKey<Pod>(nsName)(existing.pods, added.pods);
  const withRealPods = new Set(pods.filter((p) => !p.synthetic).map(workloadOf));
  return {
    namespaces: byKey<Inventory['namespaces'][number]>((n) => n.name)(existing.namespaces, added.namespaces),
    workloads: byKey<Inventory['workloads'][number]>((w) => `${w.namespace}/${w.kind}/${w.name}`)(existing.workloads, added.workloads),
    pods: pods.filter((p) => !p.synthetic || !withRealPods.has(workloadOf(p))),
    services: byKey<Inventory['services'][number]>(nsName)(existing.services, added.services),
    serviceAccounts: byKey<Inventory['serviceAccounts'][number]>(nsName)(existing.serviceAccounts, added.serviceAccounts),
    endpointSlices: byKey<Inventory['endpointSlices'][number]>(nsName)(existing.endpointSlices, added.endpointSlices),
    nodes: byKey<Inventory['nodes'][number]>((n) => n.name)(existing.nodes, added.nodes),
  };
}
