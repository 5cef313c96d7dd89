import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../../model/diagnostics';
import type { ManifestObject } from '../../model/manifest';
import { formatRuleRef, type RuleRef } from '../../model/verdict';
import { asArray, asRecord, asString, asStringList } from '../mesh/json';
import { linkerdIdentity } from '../mesh/principal';
import { type Cidr, parseCidr } from '../model/cidr';
import { parseSelector } from '../model/selector';
import { admitsEveryClient, parseIdentityMatch, parseNetworks } from './identity';
import {
  type ClientAuthentication,
  type ClientAuthorization,
  DEFAULT_POLICIES,
  type DefaultPolicy,
  type HttpRouteMatch,
  type IdentityMatch,
  type LinkerdAuthorizationPolicy,
  type LinkerdConfig,
  type LinkerdRoute,
  type LinkerdServer,
  type LinkerdServerAuthorization,
  type NetworkMatch,
  type PolicyTarget,
  type ProxyProtocol,
} from './model';

export interface LinkerdPolicies {
  servers: LinkerdServer[];
  serverAuthorizations: LinkerdServerAuthorization[];
  authorizationPolicies: LinkerdAuthorizationPolicy[];
  routes: LinkerdRoute[];
  config: LinkerdConfig;
  /** Whether the input had any Linkerd policy resource or setting at all. */
  present: boolean;
}

/** Linkerd's default `clusterNetworks` (charts/linkerd-control-plane/values.yaml). */
export const DEFAULT_CLUSTER_NETWORKS = '10.0.0.0/8,100.64.0.0/10,172.16.0.0/12,192.168.0.0/16,fd00::/8';

const PROTOCOLS = new Set<ProxyProtocol>(['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS']);
const isPolicyGroup = (apiVersion: string) => apiVersion.startsWith('policy.linkerd.io/');
const isGatewayGroup = (apiVersion: string) => apiVersion.startsWith('gateway.networking.k8s.io/');

export const isDefaultPolicy = (s: string | undefined): s is DefaultPolicy => s !== undefined && (DEFAULT_POLICIES as readonly string[]).includes(s);

const parseCidrList = (s: string) => s.split(',').map((x) => parseCidr(x.trim())).filter((c): c is Cidr => c !== null);

/** Linkerd's default `policyController.probeNetworks` (charts/linkerd-control-plane/values.yaml): every address. */
export const DEFAULT_PROBE_NETWORKS = ['0.0.0.0/0', '::/0'];

const toNetworks = (cidrs: string[]): NetworkMatch[] => cidrs.flatMap((c) => parseCidrList(c)).map((net) => ({ net, except: [] }));

/**
 * `linkerd-config` (ConfigMap in the control-plane namespace) carries `proxy.defaultInboundPolicy`, `clusterNetworks`
 * and `policyController.probeNetworks`.
 */
function readConfig(objects: ManifestObject[], diagnostics: Diagnostic[]): { config: LinkerdConfig; found: boolean } {
  const config: LinkerdConfig = { defaultPolicy: 'all-unauthenticated', clusterNetworks: parseCidrList(DEFAULT_CLUSTER_NETWORKS), probeNetworks: toNetworks(DEFAULT_PROBE_NETWORKS) };
  const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'linkerd-config');
  const values = asString(asRecord(cm?.body.data).values);
  if (!cm || !values) return { config, found: false };
  try {
    const v = asRecord(parseYaml(values));
    const policy = asString(asRecord(v.proxy).defaultInboundPolicy);
    if (isDefaultPolicy(policy)) {
      config.defaultPolicy = policy;
      config.defaultSource = { kind: 'ConfigMap', namespace: cm.metadata.namespace ?? 'linkerd', name: 'linkerd-config', path: 'proxy.defaultInboundPolicy' };
    }
    const td = asString(v.identityTrustDomain);
    if (td) config.trustDomain = td;
    const nets = asString(v.clusterNetworks);
    if (nets) config.clusterNetworks = parseCidrList(nets);
    const probeNets = asRecord(v.policyController).probeNetworks;
    if (Array.isArray(probeNets)) config.probeNetworks = toNetworks(asStringList(probeNets));
  } catch {
    diagnostics.push({ severity: 'warning', code: 'linkerd-config-invalid', message: 'linkerd-config values are not valid YAML; using Linkerd defaults', file: cm.source.file, line: cm.source.line });
  }
  return { config, found: true };
}

function parseServer(o: ManifestObject, diag: (m: string) => void): LinkerdServer | null {
  const spec = asRecord(o.body.spec);
  const namespace = o.metadata.namespace ?? 'default';
  const sel = parseSelector(spec.podSelector ?? {});
  if (!sel.ok) {
    diag(`invalid podSelector: ${sel.error}; Server ignored`);
    return null;
  }
  if (spec.podSelector === undefined) {
    diag('Server without podSelector (externalWorkloadSelector is not modelled); ignored');
    return null;
  }
  const port = typeof spec.port === 'number' ? spec.port : asString(spec.port);
  if (port === undefined || port === '') {
    diag('Server without port; ignored');
    return null;
  }
  const protocol = (asString(spec.proxyProtocol) ?? 'unknown') as ProxyProtocol;
  const access = asString(spec.accessPolicy) ?? 'deny';
  return {
    ref: { kind: 'Server', namespace, name: o.metadata.name },
    namespace,
    name: o.metadata.name,
    labels: o.metadata.labels,
    podSelector: sel.selector,
    port: typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port,
    protocol: PROTOCOLS.has(protocol) ? protocol : 'unknown',
    accessPolicy: isDefaultPolicy(access) ? access : 'deny',
    source: o.source,
  };
}

/** Marks the rule of an authorization that admits every client, so the graph reports it once. */
const withWildcard = (ref: RuleRef, authz: Pick<ClientAuthorization, 'networks' | 'authentication'>): RuleRef => (admitsEveryClient(authz) ? { ...ref, wildcard: true } : ref);

/** ServerAuthorization v1beta1 `client`: meshTLS (identities | serviceAccounts | unauthenticatedTLS) or unauthenticated, plus networks. */
function parseServerAuthorization(o: ManifestObject, trustDomain: string, diag: (m: string) => void): LinkerdServerAuthorization | null {
  const spec = asRecord(o.body.spec);
  const namespace = o.metadata.namespace ?? 'default';
  const serverRaw = asRecord(spec.server);
  let server: LinkerdServerAuthorization['server'];
  if (asString(serverRaw.name)) server = { kind: 'name', name: asString(serverRaw.name) as string };
  else {
    const sel = parseSelector(serverRaw.selector ?? {});
    if (!sel.ok) {
      diag(`invalid server.selector: ${sel.error}; ignored`);
      return null;
    }
    server = { kind: 'selector', selector: sel.selector };
  }
  const client = asRecord(spec.client);
  const mesh = asRecord(client.meshTLS);
  let authentication: ClientAuthentication;
  if (client.unauthenticated === true) authentication = { kind: 'unauthenticated' };
  else if (mesh.unauthenticatedTLS === true) authentication = { kind: 'tls-unauthenticated' };
  else {
    const self: RuleRef = { kind: 'ServerAuthorization', namespace, name: o.metadata.name };
    const identities: IdentityMatch[] = asStringList(mesh.identities).map((id, i) => parseIdentityMatch(id, { ...self, path: `spec.client.meshTLS.identities[${i}]` }));
    asArray(mesh.serviceAccounts).forEach((sa, i) => {
      const s = asRecord(sa);
      const name = asString(s.name);
      if (name) identities.push({ kind: 'exact', identity: linkerdIdentity(trustDomain, asString(s.namespace) ?? namespace, name), origin: { ...self, path: `spec.client.meshTLS.serviceAccounts[${i}]` } });
    });
    if (!identities.length) {
      diag('client authorizes nobody (no meshTLS identities, serviceAccounts or unauthenticated); ignored');
      return null;
    }
    authentication = { kind: 'tls-authenticated', identities };
  }
  const errors: string[] = [];
  const nets = Array.isArray(client.networks) ? parseNetworks(client.networks, 'client.networks', errors) : [];
  errors.forEach(diag);
  const networks = nets.length ? nets : 'cluster';
  return { namespace, server, authz: { ref: withWildcard({ kind: 'ServerAuthorization', namespace, name: o.metadata.name }, { networks, authentication }), networks, authentication, source: o.source } };
}

function parseTarget(raw: unknown): PolicyTarget | null {
  const t = asRecord(raw);
  const kind = asString(t.kind) ?? '';
  const name = asString(t.name) ?? '';
  if (kind === 'Namespace') return { kind: 'Namespace' };
  if (kind === 'Server' || kind === 'HTTPRoute' || kind === 'GRPCRoute') return { kind, name };
  return null;
}

function parseRouteMatch(raw: unknown, grpc: boolean): HttpRouteMatch {
  const m = asRecord(raw);
  const path = asRecord(m.path);
  const method = asRecord(m.method);
  const headers = asArray(m.headers).map((h) => {
    const x = asRecord(h);
    return { name: (asString(x.name) ?? '').toLowerCase(), value: asString(x.value) ?? '', type: asString(x.type) === 'RegularExpression' ? ('RegularExpression' as const) : ('Exact' as const) };
  });
  if (grpc) {
    return {
      headers,
      queryParams: 0,
      ...(m.method !== undefined
        ? { grpc: { ...(asString(method.service) ? { service: asString(method.service) } : {}), ...(asString(method.method) ? { method: asString(method.method) } : {}), type: asString(method.type) === 'RegularExpression' ? 'RegularExpression' : 'Exact' } }
        : {}),
    };
  }
  const type = asString(path.type);
  return {
    ...(m.path !== undefined ? { path: { type: type === 'Exact' || type === 'RegularExpression' ? type : 'PathPrefix', value: asString(path.value) ?? '/' } } : {}),
    ...(asString(m.method) ? { method: asString(m.method) } : {}),
    headers,
    queryParams: asArray(m.queryParams).length,
  };
}

function parseRoute(o: ManifestObject): LinkerdRoute | null {
  const spec = asRecord(o.body.spec);
  const namespace = o.metadata.namespace ?? 'default';
  const servers = asArray(spec.parentRefs)
    .map(asRecord)
    .filter((p) => asString(p.kind) === 'Server' && (asString(p.namespace) ?? namespace) === namespace)
    .map((p) => asString(p.name) ?? '');
  if (!servers.length) return null; // parented by Services/Gateways: outbound or ingress routing, not inbound policy
  const kind = o.kind as 'HTTPRoute' | 'GRPCRoute';
  const rules = asArray(spec.rules).map((r, index) => {
    const matches = asArray(asRecord(r).matches).map((m) => parseRouteMatch(m, kind === 'GRPCRoute'));
    // A rule without matches matches everything (Gateway API default: PathPrefix /).
    return { index, matches: matches.length ? matches : [{ headers: [], queryParams: 0 }] };
  });
  const createdAt = asString(asRecord(o.body.metadata).creationTimestamp);
  return { ref: { kind, namespace, name: o.metadata.name }, kind, namespace, name: o.metadata.name, servers, rules: rules.length ? rules : [{ index: 0, matches: [{ headers: [], queryParams: 0 }] }], ...(createdAt ? { createdAt } : {}) };
}

/** Reads all Linkerd policy resources; AuthorizationPolicies are resolved against their authentications. */
export function parseLinkerdPolicies(objects: ManifestObject[], engineTrustDomain: string, diagnostics: Diagnostic[]): LinkerdPolicies {
  const { config, found } = readConfig(objects, diagnostics);
  const trustDomain = config.trustDomain ?? engineTrustDomain;
  const servers: LinkerdServer[] = [];
  const serverAuthorizations: LinkerdServerAuthorization[] = [];
  const routes: LinkerdRoute[] = [];
  const meshTls = new Map<string, IdentityMatch[]>();
  const networks = new Map<string, NetworkMatch[]>();
  const policies: ManifestObject[] = [];
  const key = (ns: string, name: string) => `${ns}/${name}`;

  for (const o of objects) {
    const policyGroup = isPolicyGroup(o.apiVersion);
    const routeKind = (o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') && (policyGroup || isGatewayGroup(o.apiVersion));
    if (!policyGroup && !routeKind) continue;
    const ns = o.metadata.namespace ?? 'default';
    const where = `${o.kind}/${ns}/${o.metadata.name}`;
    const diag = (message: string) => diagnostics.push({ severity: 'warning', code: 'linkerd-invalid-policy', message: `${where}: ${message}`, file: o.source.file, line: o.source.line });
    switch (o.kind) {
      case 'Server': {
        const s = parseServer(o, diag);
        if (s) servers.push(s);
        break;
      }
      case 'ServerAuthorization': {
        const s = parseServerAuthorization(o, trustDomain, diag);
        if (s) serverAuthorizations.push(s);
        break;
      }
      case 'MeshTLSAuthentication': {
        const spec = asRecord(o.body.spec);
        const self: RuleRef = { kind: 'MeshTLSAuthentication', namespace: ns, name: o.metadata.name };
        const ids = asStringList(spec.identities).map((id, i) => parseIdentityMatch(id, { ...self, path: `spec.identities[${i}]` }));
        for (const [i, r] of asArray(spec.identityRefs).map(asRecord).entries()) {
          const kind = asString(r.kind);
          const name = asString(r.name) ?? '';
          if (kind === 'ServiceAccount') ids.push({ kind: 'exact', identity: linkerdIdentity(trustDomain, asString(r.namespace) ?? ns, name), origin: { ...self, path: `spec.identityRefs[${i}]` } });
          else if (kind === 'Namespace') ids.push({ kind: 'suffix', labels: `${name}.serviceaccount.identity.linkerd.${trustDomain}`.split('.') });
          else diag(`unsupported identityRef kind ${kind}`);
        }
        if (ids.length) meshTls.set(key(ns, o.metadata.name), ids);
        else diag('no identities configured; ignored');
        break;
      }
      case 'NetworkAuthentication': {
        const errors: string[] = [];
        networks.set(key(ns, o.metadata.name), parseNetworks(asArray(asRecord(o.body.spec).networks), 'networks', errors));
        errors.forEach(diag);
        break;
      }
      case 'AuthorizationPolicy':
        policies.push(o);
        break;
      case 'HTTPRoute':
      case 'GRPCRoute': {
        const r = parseRoute(o);
        if (r) routes.push(r);
        break;
      }
    }
  }

  const authorizationPolicies: LinkerdAuthorizationPolicy[] = [];
  for (const o of policies) {
    const ns = o.metadata.namespace ?? 'default';
    const ref: RuleRef = { kind: 'AuthorizationPolicy', namespace: ns, name: o.metadata.name };
    const diag = (message: string) => diagnostics.push({ severity: 'warning', code: 'linkerd-invalid-policy', message: `${formatRuleRef(ref)}: ${message}`, file: o.source.file, line: o.source.line });
    const spec = asRecord(o.body.spec);
    const target = parseTarget(spec.targetRef);
    if (!target) {
      diag('unsupported targetRef; ignored');
      continue;
    }
    const targetName = asString(asRecord(spec.targetRef).name);
    if (target.kind === 'Namespace' && targetName !== undefined && targetName !== ns) {
      diag(`targetRef Namespace ${targetName} is not the policy's own namespace; Linkerd ignores it`);
      continue;
    }
    // policy-controller/k8s/index/src/inbound/index.rs policy_client_authz: at most one MeshTLS or ServiceAccount
    // ref and one NetworkAuthentication; no identities = unauthenticated; no networks = all networks.
    let identities: IdentityMatch[] | null = null;
    let nets: NetworkMatch[] | null = null;
    let invalid = false;
    for (const [i, r] of asArray(spec.requiredAuthenticationRefs).map(asRecord).entries()) {
      const kind = asString(r.kind);
      const name = asString(r.name) ?? '';
      const rns = asString(r.namespace) ?? ns;
      if (kind === 'MeshTLSAuthentication' || kind === 'ServiceAccount') {
        const ids = kind === 'ServiceAccount' ? [{ kind: 'exact' as const, identity: linkerdIdentity(trustDomain, rns, name), origin: { ...ref, path: `spec.requiredAuthenticationRefs[${i}]` } }] : meshTls.get(key(rns, name));
        if (!ids) {
          diag(`MeshTLSAuthentication ${rns}/${name} not found; Linkerd ignores the policy`);
          invalid = true;
        } else if (identities) {
          diag('more than one MeshTLSAuthentication/ServiceAccount; Linkerd ignores the policy');
          invalid = true;
        } else identities = ids;
      } else if (kind === 'NetworkAuthentication') {
        const n = networks.get(key(rns, name));
        if (!n) {
          diag(`NetworkAuthentication ${rns}/${name} not found; Linkerd ignores the policy`);
          invalid = true;
        } else if (nets) {
          diag('more than one NetworkAuthentication; Linkerd ignores the policy');
          invalid = true;
        } else nets = n;
      } else {
        diag(`unsupported authentication kind ${kind}; Linkerd ignores the policy`);
        invalid = true;
      }
    }
    if (invalid) continue;
    const all: NetworkMatch[] = [parseCidr('0.0.0.0/0'), parseCidr('::/0')].flatMap((c) => (c ? [{ net: c, except: [] }] : []));
    const clientNetworks = nets ?? all;
    const authentication: ClientAuthentication = identities ? { kind: 'tls-authenticated', identities } : { kind: 'unauthenticated' };
    const authz: ClientAuthorization = { ref: withWildcard(ref, { networks: clientNetworks, authentication }), networks: clientNetworks, authentication, source: o.source };
    authorizationPolicies.push({ namespace: ns, target, authz });
  }

  const present = found || servers.length + serverAuthorizations.length + authorizationPolicies.length + routes.length > 0;
  return { servers, serverAuthorizations, authorizationPolicies, routes, config, present };
}
