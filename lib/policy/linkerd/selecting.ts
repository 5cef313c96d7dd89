import type { Pod } from '../../model/kubernetes';
import { formatRuleRef, type RuleRef, type SelectingPolicy } from '../../model/verdict';
import { meshMembership } from '../mesh/membership';
import { type LinkerdData, routeAuthorizations, serverAuthorizations, serverRoutes, serverSelectsPod } from './decide';
import { resolveDefaultPolicy } from './default-policy';
import type { DefaultPolicy } from './model';

const policyRef = (r: RuleRef): RuleRef => ({ kind: r.kind, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name });
/** A default that admits every client denies nobody: it does not isolate. */
const isolating = (p: DefaultPolicy) => p !== 'all-unauthenticated' && p !== 'audit';

/**
 * The Linkerd policies that govern a pod's inbound traffic: each Server whose `podSelector` selects it (its port,
 * protocol and `accessPolicy`, isolating unless that admits everyone), the authorizations that admit clients on it
 * (ServerAuthorization, AuthorizationPolicy on the Server or the namespace, or on its routes when routes are attached),
 * and the default inbound policy annotation or config that covers the ports no Server selects. A pod without the
 * proxy still lists them, marked as not enforced.
 */
export function linkerdSelecting(data: LinkerdData, pod: Pod): SelectingPolicy[] {
  const ns = data.namespaces.get(pod.namespace);
  const member = meshMembership('linkerd', pod, ns);
  const notEnforced = member.meshed ? '' : `; not enforced: ${member.why}`;
  const servers: SelectingPolicy[] = [];
  const authorizations = new Map<string, { ref: RuleRef; targets: string[] }>();
  const authorize = (ref: RuleRef, target: string) => {
    const key = formatRuleRef(policyRef(ref));
    const a = authorizations.get(key) ?? { ref: policyRef(ref), targets: [] };
    if (!a.targets.includes(target)) a.targets.push(target);
    authorizations.set(key, a);
  };

  for (const server of data.policies.servers.filter((s) => serverSelectsPod(s, pod))) {
    const serverText = formatRuleRef(server.ref);
    const routes = serverRoutes(data, server, server.protocol === 'gRPC' ? 'GRPCRoute' : 'HTTPRoute');
    const own = serverAuthorizations(data, server).filter((a) => a.ref.kind !== 'Server');
    for (const a of own) authorize(a.ref, serverText);
    for (const route of routes) for (const a of routeAuthorizations(data, route)) authorize(a.ref, `${formatRuleRef(route.ref)} of ${serverText}`);
    const routed = routes.length ? `; routes ${routes.map((r) => formatRuleRef(r.ref)).join(', ')} (for HTTP traffic, each authorized on its own)` : '';
    const by = own.length ? `authorized: ${[...new Set(own.map((a) => formatRuleRef(policyRef(a.ref))))].join(', ')}` : 'no authorization';
    servers.push({
      layer: 'linkerd',
      ref: policyRef(server.ref),
      directions: ['ingress'],
      isolates: member.meshed && isolating(server.accessPolicy) ? ['ingress'] : [],
      note: `port ${server.port}, ${server.protocol}; accessPolicy ${server.accessPolicy}; ${by}${routed}${notEnforced}`,
    });
  }

  const authzEntries = [...authorizations.values()].map(
    ({ ref, targets }): SelectingPolicy => ({ layer: 'linkerd', ref, directions: ['ingress'], isolates: [], note: `authorizes clients of ${targets.join(', ')}${notEnforced}` }),
  );
  const def = resolveDefaultPolicy(pod, ns, data.policies.config);
  const defaults: SelectingPolicy[] = def.source
    ? [
        {
          layer: 'linkerd',
          ref: def.source,
          directions: ['ingress'],
          isolates: member.meshed && isolating(def.policy) ? ['ingress'] : [],
          note: `default inbound policy ${def.policy} (${def.where}): ports no Server selects${notEnforced}`,
        },
      ]
    : [];
  return [...servers, ...authzEntries, ...defaults];
}
