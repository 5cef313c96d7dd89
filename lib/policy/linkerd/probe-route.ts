import type { Namespace, Pod } from '../../model/kubernetes';
import { type Connection, formatRuleRef, type LayerDecision, type RuleRef } from '../../model/verdict';
import { toKnownRequest } from '../mesh/request';
import { type Tri, UNKNOWN, triAnd } from '../mesh/tri';
import { isOpaquePort } from './default-policy';
import { authorizes, type LinkerdClient } from './identity';
import type { ClientAuthorization, LinkerdConfig, LinkerdRoute, LinkerdServer } from './model';

/**
 * Linkerd authorizes kubelet probes by itself (since stable-2.12.0 / edge-22.8.1, linkerd2 #9008): for every HTTP
 * GET probe of a pod, the policy controller adds a default route `probe` (route and authorization metadata
 * `kind: default, name: probe`) that matches `GET <path>` exactly and admits unauthenticated clients from the probe
 * networks (policy-controller/k8s/index/src/inbound/index.rs `ClusterInfo::default_inbound_http_routes`). The route
 * exists only while no HTTPRoute attaches to the port's Server (`PolicyIndex::http_routes` returns the routes of the
 * Server when there are any) and only for ports the proxy treats as HTTP: a port without a Server (unless opaque),
 * or a Server of protocol unknown, HTTP/1 or HTTP/2 (gRPC Servers get gRPC routes, opaque and TLS ones none).
 * https://linkerd.io/2-edge/features/server-policy/#default-authorizations
 */
export const PROBE_ROUTE: RuleRef = { kind: 'Linkerd', name: 'probe', builtin: true };

/** The probe paths the policy controller derives from one pod port (workload.rs `pod_http_probes`): query dropped, deduplicated. */
export function probePaths(pod: Pod, port: number): { paths: string[]; probes: string[] } {
  const paths = new Set<string>();
  const probes: string[] = [];
  for (const p of pod.probes ?? []) {
    if (p.port !== port) continue;
    // `http::Uri::try_from(path)` then `uri.path()`: the query string is not part of the match.
    const path = p.path.split('?')[0] ?? '';
    if (!path.startsWith('/')) continue;
    paths.add(path);
    probes.push(`the ${p.kind} probe of container ${p.container}`);
  }
  return { paths: [...paths].sort(), probes };
}

/** Whether the port carries the probe route: see PROBE_ROUTE. */
export function probeRouteApplies(pod: Pod, ns: Namespace | undefined, port: number, server: LinkerdServer | undefined, routes: LinkerdRoute[]): boolean {
  if (!server) return !isOpaquePort(pod, ns, port);
  const http = server.protocol === 'HTTP/1' || server.protocol === 'HTTP/2' || (server.protocol === 'unknown' && !isOpaquePort(pod, ns, port));
  return http && !routes.some((r) => r.kind === 'HTTPRoute' && r.namespace === server.namespace && r.servers.includes(server.name));
}

const describeNetworks = (config: LinkerdConfig) => config.probeNetworks.map((n) => `${n.net.text}${n.except.length ? ` except ${n.except.map((e) => e.text).join(', ')}` : ''}`).join(', ');

interface ProbeContext {
  connection: Connection;
  config: LinkerdConfig;
  client: LinkerdClient;
  clientText: string;
  /** The decision of the port's Server or default policy for a request the probe route does not take. */
  rest: LayerDecision;
}

function decision(outcome: LayerDecision['outcome'], basis: LayerDecision['basis'], rules: RuleRef[], reason: string, conditions?: string[]): LayerDecision {
  return {
    layer: 'linkerd',
    outcome,
    basis,
    rules,
    directions: [{ direction: 'ingress', isolated: true, outcome, basis, rules, reason }],
    reason,
    ...(conditions ? { conditions } : {}),
  };
}

/**
 * The decision with the probe route in place. A request the route matches (GET on a probe path: Exact beats every
 * other route) is decided by the probe authorization alone; any other request by `rest`. Without a known request,
 * the answer is conditional when the two differ.
 */
export function withProbeRoute(pod: Pod, ctx: ProbeContext): LayerDecision {
  const { paths, probes } = probePaths(pod, ctx.connection.port);
  const { rest, config } = ctx;
  if (paths.length === 0 || config.probeNetworks.length === 0) return rest;
  const req = toKnownRequest(ctx.connection);
  const matches: Tri = req === null ? UNKNOWN : triAnd([req.path === undefined ? UNKNOWN : paths.includes(req.path), req.method === undefined ? UNKNOWN : req.method === 'GET']);
  if (matches === false) return rest;

  const authz: ClientAuthorization = { ref: PROBE_ROUTE, networks: config.probeNetworks, authentication: { kind: 'unauthenticated' } };
  const admitted = authorizes(authz, ctx.client, config.clusterNetworks);
  const route = `${formatRuleRef(PROBE_ROUTE)} (GET ${paths.join(', ')}: ${probes.join(', ')})`;
  const networks = `the probe networks (${describeNetworks(config)})`;
  const requestText = req?.path !== undefined ? `GET ${req.path}` : 'the probe request';
  const probe =
    admitted === true
      ? decision('allowed', 'explicit', [PROBE_ROUTE], `allowed: ${requestText} matches ${route}; Linkerd authorizes probes automatically for any client from ${networks}, whatever the default policy (${ctx.clientText})`)
      : admitted === false
        ? decision('denied', 'no-match', [PROBE_ROUTE], `denied: ${requestText} matches ${route}, which admits only clients from ${networks} (${ctx.clientText})`)
        : decision('conditional', 'explicit', [PROBE_ROUTE], `conditional: ${requestText} matches ${route}, allowed if the client address is in ${networks}`, [`${formatRuleRef(PROBE_ROUTE)} if the client address is in ${networks}`]);
  if (matches === true) return probe;

  // Not known whether the request is a probe request: both routes may decide.
  if (probe.outcome === rest.outcome && probe.outcome !== 'conditional') return rest;
  const probeGet = `GET ${paths.join(', ')}`;
  let probeCondition = `${formatRuleRef(PROBE_ROUTE)} allows ${probeGet} from ${networks} (Linkerd authorizes kubelet probes automatically: ${probes.join(', ')})`;
  if (probe.outcome === 'denied') probeCondition = `${probeGet} is denied by ${formatRuleRef(PROBE_ROUTE)} (${ctx.clientText} is outside ${networks})`;
  else if (probe.outcome === 'conditional') probeCondition = `${formatRuleRef(PROBE_ROUTE)} allows ${probeGet} if the client address is in ${networks}`;
  const otherConditions = rest.outcome === 'conditional' ? (rest.conditions ?? [rest.reason]) : [`any other request is ${rest.outcome}: ${rest.reason}`];
  const conditions = [probeCondition, ...otherConditions];
  const basis = probe.outcome !== 'denied' || rest.basis === 'explicit' ? 'explicit' : rest.basis;
  // The rules that grant some of the requests, as for any conditional answer.
  const rules = [...(probe.outcome !== 'denied' ? probe.rules : []), ...(rest.outcome !== 'denied' ? rest.rules : [])];
  return decision('conditional', basis, rules, `conditional: ${conditions.join('; ')}`, conditions);
}
