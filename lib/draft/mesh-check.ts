import { meshMembership, type MeshName } from '../policy/mesh';
import type { DraftContext } from './context';
import type { EndpointName } from '../model/identity';

/**
 * Whether a workload takes part in the mesh (per its first pod, as the mesh engine decides it). A caller
 * outside the mesh presents no mTLS identity, so a principal/identity rule can never match it; a destination
 * outside the mesh has no proxy to enforce the policy. Both are reported, not silently drafted.
 */
export function checkMeshed(ctx: DraftContext, mesh: MeshName, name: EndpointName, role: 'caller' | 'destination'): boolean {
  const [ns, n] = name.split('/') as [string, string];
  const pod = ctx.inventory.pods.find((p) => p.workload.namespace === ns && p.workload.name === n);
  if (!pod) return true;
  const m = meshMembership(mesh, pod, ctx.inventory.namespaces.find((x) => x.name === ns));
  if (!m.meshed)
    ctx.diagnostics.push({
      severity: 'warning',
      code: `${mesh}-${role}-not-meshed`,
      message:
        role === 'caller'
          ? `${name} is not in the ${mesh} mesh (${m.why}): it presents no identity, so the ${mesh} draft's rule for it will not match its requests`
          : `${name} is not in the ${mesh} mesh (${m.why}): the ${mesh} draft has no proxy there to enforce it`,
    });
  return m.meshed;
}

/** Identities are per ServiceAccount: granting one workload grants every workload that shares its ServiceAccount. */
export function checkSharedServiceAccount(ctx: DraftContext, name: EndpointName, namespace: string, serviceAccount: string): void {
  const sharing = ctx.inventory.workloads.filter((w) => w.namespace === namespace && (w.serviceAccount || 'default') === serviceAccount).map((w) => `${w.namespace}/${w.name}`);
  if (sharing.length > 1)
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'shared-service-account',
      message: `${name} shares ServiceAccount ${namespace}/${serviceAccount} with ${sharing.filter((s) => s !== name).join(', ')}: a grant to its identity also grants them`,
    });
}
