import type { EngineOptions } from '../../model/manifest';
import type { Inventory, Namespace, Pod } from '../../model/kubernetes';
import { type Basis, type Connection, formatRuleRef, type LayerDecision, type Outcome, type RuleRef } from '../../model/verdict';
import { endpointIp } from '../mesh/endpoints';
import { meshMembership } from '../mesh/membership';
import { linkerdIdentity } from '../mesh/principal';
import { describeRequest, toKnownRequest } from '../mesh/request';
import { type Tri, UNKNOWN, triOr } from '../mesh/tri';
import { matchSelector } from '../model/selector';
import { defaultAuthorization, isOpaquePort, requiresIdentity, resolveDefaultPolicy } from './default-policy';
import { admitsEveryClient, authorizes, describeAuthentication, type LinkerdClient } from './identity';
import type { ClientAuthorization, LinkerdRoute, LinkerdServer } from './model';
import type { LinkerdPolicies } from './parse';
import { probePaths, probeRouteApplies, withProbeRoute } from './probe-route';
import { describeMatch, precedence, routeHits } from './route-match';

export interface LinkerdData {
  inventory: Inventory;
  options: EngineOptions;
  namespaces: Map<string, Namespace>;
  policies: LinkerdPolicies;
}

function decision(outcome: Outcome, basis: Basis, rules: RuleRef[], reason: string, extra: Partial<LayerDecision> = {}): LayerDecision {
  return { layer: 'linkerd', outcome, basis, rules, directions: [{ direction: 'ingress', isolated: basis !== 'default', outcome, basis, rules, reason }], reason, ...extra };
}

/** Whether a Server's `podSelector` selects the pod (a Server only selects pods of its own namespace). */
export const serverSelectsPod = (s: LinkerdServer, pod: Pod): boolean => s.namespace === pod.namespace && matchSelector(s.podSelector, pod.labels);

/** The Server selecting this pod port (a number, or a container port name); Linkerd's admission controller forbids overlaps. */
export function findServer(data: LinkerdData, pod: Pod, port: number): LinkerdServer | undefined {
  const names = new Set(pod.ports.filter((p) => p.port === port && p.name).map((p) => p.name));
  return data.policies.servers.find((s) => (s.port === port || (typeof s.port === 'string' && names.has(s.port))) && serverSelectsPod(s, pod));
}

/** The authorizations of a Server without routes: its ServerAuthorizations, AuthorizationPolicies, then `accessPolicy`. */
export function serverAuthorizations(data: LinkerdData, server: LinkerdServer): ClientAuthorization[] {
  const out: ClientAuthorization[] = [];
  for (const saz of data.policies.serverAuthorizations) {
    if (saz.namespace !== server.namespace) continue;
    if (saz.server.kind === 'name' ? saz.server.name === server.name : matchSelector(saz.server.selector, server.labels)) out.push(saz.authz);
  }
  for (const ap of data.policies.authorizationPolicies) {
    if (ap.namespace !== server.namespace) continue;
    if ((ap.target.kind === 'Server' && ap.target.name === server.name) || ap.target.kind === 'Namespace') out.push(ap.authz);
  }
  const access = defaultAuthorization(server.accessPolicy, { ...server.ref, path: 'spec.accessPolicy' });
  if (access) out.push(access);
  return out;
}

export function routeAuthorizations(data: LinkerdData, route: LinkerdRoute): ClientAuthorization[] {
  return data.policies.authorizationPolicies.filter((ap) => ap.namespace === route.namespace && ap.target.kind === route.kind && ap.target.name === route.name).map((ap) => ap.authz);
}

/** Decides with a flat list of authorizations (a Server without routes, or the default policy). */
function decideAuthorizations(data: LinkerdData, authzs: ClientAuthorization[], client: LinkerdClient, deniedRules: RuleRef[], context: string, clientText: string): LayerDecision {
  const nets = data.policies.config.clusterNetworks;
  const results = authzs.map((a) => ({ a, r: authorizes(a, client, nets) }));
  const real = results.filter((x) => x.r === true && !x.a.audit);
  if (real.length) {
    const basis: Basis = real.every((x) => x.a.ref.path?.includes('default-inbound-policy') || x.a.ref.path === 'spec.accessPolicy' || x.a.ref.kind === 'Linkerd') ? 'default' : 'explicit';
    return decision('allowed', basis, real.map((x) => x.a.ref), `allowed by ${real.map((x) => formatRuleRef(x.a.ref)).join(', ')} ${context} (${clientText})`);
  }
  const maybe = results.filter((x) => x.r === UNKNOWN);
  if (maybe.length) {
    const conditions = maybe.map((x) => `${formatRuleRef(x.a.ref)} if the client address is in its networks`);
    return decision('conditional', 'explicit', maybe.map((x) => x.a.ref), `conditional: ${conditions.join('; ')} ${context}`, { conditions });
  }
  const audit = results.filter((x) => x.r === true && x.a.audit);
  if (audit.length)
    return decision('allowed', 'default', [], `allowed in audit mode by ${audit.map((x) => formatRuleRef(x.a.ref)).join(', ')}: no authorization admits it ${context} (${clientText})`, {
      reported: audit.map((x) => x.a.ref),
    });
  const tried = authzs.length ? `; authorizations: ${authzs.map((a) => `${formatRuleRef(a.ref)} (${describeAuthentication(a)})`).join(', ')}` : '';
  return decision('denied', 'no-match', deniedRules, `denied, no authorization ${context} admits the caller (${clientText})${tried}`);
}

export function decideLinkerd(data: LinkerdData, connection: Connection): LayerDecision {
  const dst = connection.destination;
  if (dst.kind !== 'pod') return decision('allowed', 'default', [], `allowed: ${dst.ip} is not a pod of the mesh`);
  const pod = dst.pod;
  const ns = data.namespaces.get(pod.namespace);
  const member = meshMembership('linkerd', pod, ns);
  if (!member.meshed) return decision('allowed', 'default', [], `allowed: ${member.why}, outside the Linkerd mesh; its policies are not enforced`);

  const src = connection.source;
  const srcMember = src.kind === 'pod' ? meshMembership('linkerd', src.pod, data.namespaces.get(src.pod.namespace)) : { meshed: false, why: `${src.ip} is not a pod of the cluster` };
  const identity = srcMember.meshed && src.kind === 'pod' ? linkerdIdentity(data.policies.config.trustDomain ?? data.options.trustDomain, src.pod.namespace, src.pod.serviceAccount) : null;
  const ip = endpointIp(src, dst);
  const client: LinkerdClient = { identity, ...(ip ? { ip } : {}) };
  const clientText = identity ? `client identity ${identity} (mTLS)` : `${srcMember.why}: outside the mesh, the client has no identity`;

  const server = findServer(data, pod, connection.port);
  const rest = decideServer(data, connection, pod, ns, server, client, clientText);
  if (!probeRouteApplies(pod, ns, connection.port, server, data.policies.routes)) return rest;
  return withProbeRoute(pod, { connection, config: data.policies.config, client, clientText, rest });
}

/** The decision of the port's Server (its routes or authorizations), or of the default policy when none selects it. */
function decideServer(data: LinkerdData, connection: Connection, pod: Pod, ns: Namespace | undefined, server: LinkerdServer | undefined, client: LinkerdClient, clientText: string): LayerDecision {
  if (!server) {
    const def = resolveDefaultPolicy(pod, ns, data.policies.config);
    const ref = def.source ?? { kind: 'Linkerd', name: 'default-inbound-policy' };
    const authz = defaultAuthorization(def.policy, ref, requiresIdentity(pod, connection.port));
    const context = `(no Server selects port ${connection.port}; default policy ${def.policy} from the ${def.where})`;
    if (!authz) return decision('denied', 'no-match', [ref], `denied by the default policy deny ${context}`);
    const d = decideAuthorizations(data, [authz], client, [ref], context, clientText);
    return d.outcome === 'allowed' ? { ...d, basis: 'default', directions: d.directions.map((x) => ({ ...x, basis: 'default', isolated: false })) } : d;
  }

  const httpProtocol = server.protocol === 'HTTP/1' || server.protocol === 'HTTP/2' || server.protocol === 'gRPC';
  const http = httpProtocol || (server.protocol === 'unknown' && !isOpaquePort(pod, ns, connection.port) && connection.request !== undefined);
  const routeKind = server.protocol === 'gRPC' ? 'GRPCRoute' : 'HTTPRoute';
  const routes = serverRoutes(data, server, routeKind);
  const serverText = formatRuleRef(server.ref);
  if (!http || routes.length === 0) return decideAuthorizations(data, serverAuthorizations(data, server), client, [server.ref], `on ${serverText}`, clientText);
  return decideRoutes(data, connection, server, routes, client, clientText);
}

/** The routes of one kind attached to a Server (parentRefs in the Server's namespace). */
export function serverRoutes(data: LinkerdData, server: LinkerdServer, kind: LinkerdRoute['kind']): LinkerdRoute[] {
  return data.policies.routes.filter((r) => r.namespace === server.namespace && r.kind === kind && r.servers.includes(server.name));
}

/**
 * With routes attached, each request must match a route and be authorized by a policy targeting that route; the
 * Server's own authorizations no longer apply (https://linkerd.io/2-edge/tasks/configuring-per-route-policy/).
 */
function decideRoutes(data: LinkerdData, connection: Connection, server: LinkerdServer, routes: LinkerdRoute[], client: LinkerdClient, clientText: string): LayerDecision {
  const nets = data.policies.config.clusterNetworks;
  const req = toKnownRequest(connection);
  const requestText = describeRequest(connection, false);
  const authorized = new Map<LinkerdRoute, { r: Tri; refs: RuleRef[] }>();
  for (const route of routes) {
    const results = routeAuthorizations(data, route).map((a) => ({ a, r: authorizes(a, client, nets) }));
    authorized.set(route, { r: triOr(results.map((x) => x.r)), refs: results.filter((x) => x.r !== false).map((x) => x.a.ref) });
  }
  const hitRef = (route: LinkerdRoute, rule: number): RuleRef => ({ ...route.ref, path: `rules[${rule}]` });
  const hits = routeHits(routes, req).sort(precedence);
  const best = hits.find((h) => h.result === true);
  const bestIndex = best ? hits.indexOf(best) : hits.length;
  const undecided = hits.slice(0, bestIndex).filter((h) => h.result === UNKNOWN);

  if (req !== null && best && undecided.length === 0) {
    const auth = authorized.get(best.route);
    const rules = [hitRef(best.route, best.rule), ...(auth?.refs ?? [])];
    if (auth?.r === true) return decision('allowed', 'explicit', rules, `allowed: ${requestText} matches ${formatRuleRef(rules[0] as RuleRef)}, authorized by ${auth.refs.map(formatRuleRef).join(', ')} (${clientText})`);
    if (auth?.r === false) return decision('denied', 'no-match', [hitRef(best.route, best.rule)], `denied: ${requestText} matches ${formatRuleRef(hitRef(best.route, best.rule))}, but no AuthorizationPolicy of that route admits the caller (${clientText})`);
  }
  if (req !== null && !best && !hits.some((h) => h.result === UNKNOWN))
    return decision('denied', 'no-match', [server.ref], `denied: no route of ${formatRuleRef(server.ref)} matches ${requestText} (${routes.map((r) => formatRuleRef(r.ref)).join(', ')})`);

  const admitting = routes.filter((r) => authorized.get(r)?.r !== false);
  if (admitting.length === 0) return decision('denied', 'no-match', routes.map((r) => r.ref), `denied: no AuthorizationPolicy of the routes of ${formatRuleRef(server.ref)} admits the caller (${clientText})`);
  const catchAll = hits.some((h) => h.result === true && authorized.get(h.route)?.r === true && hits.indexOf(h) === 0);
  if (req === null && catchAll && admitting.length === routes.length && routes.every((r) => authorized.get(r)?.r === true))
    return decision('allowed', 'explicit', routes.map((r) => r.ref), `allowed: every route of ${formatRuleRef(server.ref)} admits the caller (${clientText})`);
  const conditions = admitting.flatMap((r) => r.rules.map((rule) => `${formatRuleRef(hitRef(r, rule.index))} if the request matches ${rule.matches.map(describeMatch).join(' or ')}`));
  return decision('conditional', 'explicit', admitting.map((r) => r.ref), `conditional: the answer for ${requestText} depends on the route: allowed only for ${conditions.join('; ')} (${clientText})`, { conditions });
}

/** Whether Linkerd takes part: the destination runs the Linkerd proxy and a Server or a non-default inbound policy applies. */
export function linkerdEnforces(data: LinkerdData, connection: Connection): boolean {
  const dst = connection.destination;
  if (dst.kind !== 'pod' || connection.protocol !== 'TCP') return false;
  const ns = data.namespaces.get(dst.pod.namespace);
  if (!meshMembership('linkerd', dst.pod, ns).meshed) return false;
  if (findServer(data, dst.pod, connection.port)) return true;
  if (resolveDefaultPolicy(dst.pod, ns, data.policies.config).policy !== 'all-unauthenticated' || requiresIdentity(dst.pod, connection.port)) return true;
  // Probe networks narrower than every address make the probe route deny some clients on an otherwise open port.
  return !admitsEveryClient({ networks: data.policies.config.probeNetworks, authentication: { kind: 'unauthenticated' } }) && probePaths(dst.pod, connection.port).paths.length > 0 && probeRouteApplies(dst.pod, ns, connection.port, undefined, []);
}
