import { getPrisma } from '../client';

/**
 * How many rows an import can write, over all snapshots: an import that "leaves nothing behind" leaves these as
 * they were (a failed file into an existing snapshot adds its failed ImportJob and nothing else).
 */
export async function importRowCounts() {
  const p = getPrisma();
  const [snapshots, jobs, policies, namespaces, workloads, pods, services, edges, unresolved] = await Promise.all([
    p.snapshot.count(),
    p.importJob.count(),
    p.policy.count(),
    p.namespace.count(),
    p.workload.count(),
    p.pod.count(),
    p.service.count(),
    p.trafficEdge.count(),
    p.unresolvedRecord.count(),
  ]);
  return { snapshots, jobs, policies, namespaces, workloads, pods, services, edges, unresolved };
}

export type ImportRowCounts = Awaited<ReturnType<typeof importRowCounts>>;
