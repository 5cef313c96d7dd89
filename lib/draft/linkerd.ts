import type { DraftContext } from './context';
import { checkMeshed, checkSharedServiceAccount } from './mesh-check';
import { provenanceLine, shortName } from './context';
import { cmp } from './group-rules';
import { MANAGED_BY, type GeneratorInput } from './networkpolicy';
import type { DraftDocument, DraftObject, Grant } from './types';

const GROUP = 'policy.linkerd.io';

function object(apiVersion: string, kind: string, name: string, ns: string, spec: Record<string, unknown>): DraftObject {
  return { apiVersion, kind, metadata: { name, namespace: ns, labels: MANAGED_BY }, spec };
}

/**
 * Linkerd policy: per workload and observed port a Server (v1beta3, `accessPolicy: deny`: a client matching no
 * authorization is refused), an AuthorizationPolicy requiring a MeshTLSAuthentication that lists the observed
 * callers' ServiceAccounts, and, for callers outside the mesh (addresses), a second AuthorizationPolicy with a
 * NetworkAuthentication. All `requiredAuthenticationRefs` of one AuthorizationPolicy must match, so the two
 * kinds of callers need separate policies. L7 routes (HTTPRoute) are not drafted: ports are granted whole.
 * https://linkerd.io/2-edge/reference/authorization-policy/
 */
export function draftLinkerd(ctx: DraftContext, input: GeneratorInput): DraftDocument[] {
  const docs: DraftDocument[] = [];
  if (input.subjects.length > 0)
    ctx.diagnostics.push({
      severity: 'info',
      code: 'linkerd-default-policy',
      message: `Linkerd denies only on ports that have a Server; annotate the namespaces (config.linkerd.io/default-inbound-policy: deny) to refuse the other ports too`,
    });
  for (const subject of input.subjects) {
    const self = ctx.peer(subject);
    if (!self || self.kind !== 'workload') continue;
    const byPort = new Map<number, Grant[]>();
    for (const g of input.grants.filter((x) => x.destination === subject)) {
      if (g.protocol !== 'TCP') continue; // the Linkerd proxy handles TCP only
      byPort.set(g.port, [...(byPort.get(g.port) ?? []), g]);
    }
    for (const [port, grants] of [...byPort.entries()].sort(([a], [b]) => a - b)) {
      const server = `eastwest-${shortName(subject)}-ingress-${port}`;
      const meshed: Grant[] = [];
      const networked: { grant: Grant; cidrs: string[] }[] = [];
      for (const g of grants) {
        const caller = ctx.peer(g.source);
        if (!caller) continue;
        if (caller.kind === 'workload') {
          checkMeshed(ctx, 'linkerd', caller.name, 'caller');
          checkSharedServiceAccount(ctx, caller.name, caller.namespace, caller.serviceAccount);
          meshed.push(g);
        }
        else if (caller.kind === 'addresses') networked.push({ grant: g, cidrs: caller.cidrs });
        else if (caller.kind === 'world') networked.push({ grant: g, cidrs: ['0.0.0.0/0', '::/0'] });
      }
      if (meshed.length === 0 && networked.length === 0) continue;
      checkMeshed(ctx, 'linkerd', subject, 'destination');
      docs.push({
        family: 'linkerd',
        object: object(`${GROUP}/v1beta3`, 'Server', server, self.namespace, { podSelector: { matchLabels: self.labels }, port, accessPolicy: 'deny' }),
        comment: [`Port ${port} of ${subject}: clients not authorized below are refused.`],
        notes: [],
      });
      const authorize = (suffix: string, kind: string, list: Grant[]) => {
        docs.push({
          family: 'linkerd',
          object: object(`${GROUP}/v1alpha1`, 'AuthorizationPolicy', `${server}-${suffix}`, self.namespace, {
            targetRef: { group: GROUP, kind: 'Server', name: server },
            requiredAuthenticationRefs: [{ group: GROUP, kind, name: `${server}-${suffix}` }],
          }),
          comment: list.map(provenanceLine),
          notes: [],
        });
      };
      if (meshed.length > 0) {
        const refs = new Map<string, Record<string, string>>();
        for (const g of meshed) {
          const caller = ctx.peer(g.source);
          if (caller?.kind !== 'workload') continue;
          refs.set(`${caller.namespace}/${caller.serviceAccount}`, { kind: 'ServiceAccount', name: caller.serviceAccount, ...(caller.namespace !== self.namespace ? { namespace: caller.namespace } : {}) });
        }
        const identityRefs = [...refs.entries()].sort(([a], [b]) => cmp(a, b)).map(([, r]) => r);
        docs.push({ family: 'linkerd', object: object(`${GROUP}/v1alpha1`, 'MeshTLSAuthentication', `${server}-clients`, self.namespace, { identityRefs }), comment: [], notes: [] });
        authorize('clients', 'MeshTLSAuthentication', meshed);
      }
      if (networked.length > 0) {
        const networks = [...new Set(networked.flatMap((n) => n.cidrs))].sort(cmp).map((cidr) => ({ cidr }));
        docs.push({ family: 'linkerd', object: object(`${GROUP}/v1alpha1`, 'NetworkAuthentication', `${server}-networks`, self.namespace, { networks }), comment: [], notes: [] });
        authorize('networks', 'NetworkAuthentication', networked.map((n) => n.grant));
      }
    }
  }
  return docs;
}
