import type { Cidr } from '../model/cidr';
import type { LabelSelector } from '../model/selector';
import type { SourceRef } from '../../model/source';
import type { RuleRef } from '../../model/verdict';

/**
 * Normalised Linkerd policy resources (policy.linkerd.io).
 * https://linkerd.io/2-edge/reference/authorization-policy/
 */
export type DefaultPolicy = 'all-unauthenticated' | 'all-authenticated' | 'cluster-authenticated' | 'cluster-unauthenticated' | 'deny' | 'audit';
export const DEFAULT_POLICIES: readonly DefaultPolicy[] = ['all-unauthenticated', 'all-authenticated', 'cluster-authenticated', 'cluster-unauthenticated', 'deny', 'audit'];

export type ProxyProtocol = 'unknown' | 'HTTP/1' | 'HTTP/2' | 'gRPC' | 'opaque' | 'TLS';

/**
 * `*` = any identity; `*.<suffix>` = identities ending in `.<suffix>`; otherwise exact. `origin`: where an exact
 * identity is written (`MeshTLSAuthentication/ns/name#spec.identityRefs[1]`), to name it when it matches nobody.
 */
export type IdentityMatch = { kind: 'exact'; identity: string; origin?: RuleRef } | { kind: 'suffix'; labels: string[] };

export interface NetworkMatch {
  net: Cidr;
  except: Cidr[];
}

export type ClientAuthentication = { kind: 'unauthenticated' } | { kind: 'tls-unauthenticated' } | { kind: 'tls-authenticated'; identities: IdentityMatch[] };

/** One authorization as the policy controller sends it to the proxy: networks AND authentication. */
export interface ClientAuthorization {
  ref: RuleRef;
  /** `cluster` = the cluster networks (what an empty `networks` means in a ServerAuthorization). */
  networks: NetworkMatch[] | 'cluster';
  authentication: ClientAuthentication;
  /** The `audit` default policy: allows, but the proxy flags the request. */
  audit?: boolean;
  source?: SourceRef;
}

export interface LinkerdServer {
  ref: RuleRef;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  podSelector: LabelSelector;
  port: number | string;
  protocol: ProxyProtocol;
  /** Applied to traffic no authorization matches (v1beta3 `accessPolicy`, default `deny`). */
  accessPolicy: DefaultPolicy;
  source?: SourceRef;
}

export type ServerRef = { kind: 'name'; name: string } | { kind: 'selector'; selector: LabelSelector };

export interface LinkerdServerAuthorization {
  namespace: string;
  server: ServerRef;
  authz: ClientAuthorization;
}

export type PolicyTarget = { kind: 'Server'; name: string } | { kind: 'HTTPRoute'; name: string } | { kind: 'GRPCRoute'; name: string } | { kind: 'Namespace' };

export interface LinkerdAuthorizationPolicy {
  namespace: string;
  target: PolicyTarget;
  authz: ClientAuthorization;
}

export interface HttpRouteMatch {
  path?: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string };
  method?: string;
  headers: { name: string; value: string; type: 'Exact' | 'RegularExpression' }[];
  queryParams: number;
  /** GRPCRoute method match (`/<service>/<method>`). */
  grpc?: { service?: string; method?: string; type: 'Exact' | 'RegularExpression' };
}

export interface LinkerdRoute {
  ref: RuleRef;
  kind: 'HTTPRoute' | 'GRPCRoute';
  namespace: string;
  name: string;
  /** Names of the Servers (in the route's namespace) it attaches to. */
  servers: string[];
  rules: { index: number; matches: HttpRouteMatch[] }[];
  createdAt?: string;
}

export interface LinkerdConfig {
  defaultPolicy: DefaultPolicy;
  clusterNetworks: Cidr[];
  /** Where the cluster default came from, for explanations. */
  defaultSource?: RuleRef;
  /** linkerd-config `identityTrustDomain`, when given; otherwise the engine's trust domain. */
  trustDomain?: string;
  /**
   * `policyController.probeNetworks`: where kubelet probes come from; the probe route admits only these
   * (default 0.0.0.0/0 and ::/0; empty = no probe route at all).
   */
  probeNetworks: NetworkMatch[];
}
