import type { Pod, Protocol } from './kubernetes';

/**
 * The shared verdict model. Every enforcing layer (the CNI's network policies, each service mesh)
 * decides a connection on its own; the query's verdict is the AND of the layers that take part.
 * Every decision names the rules that made it, so the UI, the API and the CLI print the same story.
 */

/** Which enforcement point decided. `network` = Kubernetes NetworkPolicy + AdminNetworkPolicy/ClusterNetworkPolicy. */
export type LayerName = 'network' | 'cilium' | 'calico' | 'istio' | 'linkerd';

/** A rule inside a policy resource: `NetworkPolicy/backend/allow-user-service#ingress[0].from[1]`. */
export interface RuleRef {
  kind: string;
  /** Absent for cluster-scoped resources. */
  namespace?: string;
  name: string;
  /** Path inside the resource (`ingress[0].from[1]`, `spec.rules[2]`); absent when the whole resource decided. */
  path?: string;
  /**
   * True when the rule's peer side matches every endpoint (NetworkPolicy `ingress: [{}]`, Istio rule without `from`).
   * The graph shows such a rule once ("any -> frontend") instead of expanding it into N edges.
   */
  wildcard?: boolean;
  /**
   * A rule of the platform itself, held by no resource: Kubernetes' own-node rule, Cilium's allow-localhost,
   * Calico's unpoliced host -> local workload path, Linkerd's probe route. It explains a verdict but can be
   * neither removed nor left unused, so rule usage never lists it.
   */
  builtin?: boolean;
}

export function formatRuleRef(r: RuleRef): string {
  const id = r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
  return r.path ? `${id}#${r.path}` : id;
}

export type Outcome = 'allowed' | 'denied' | 'conditional';

/**
 * How a layer reached its outcome:
 * - `explicit`: a rule grants it (an allow rule matched);
 * - `default`: nothing on this layer selects the endpoint(s), so it is allowed by default;
 * - `deny-rule`: a rule explicitly denies it;
 * - `no-match`: the endpoint is isolated and no rule allows it (implicit default deny);
 * - `delegated`: decided outside what Eastwest can see (Istio CUSTOM, Cilium toFQDNs) - verdict `conditional`.
 */
export type Basis = 'explicit' | 'default' | 'deny-rule' | 'no-match' | 'delegated';

export interface DirectionDecision {
  direction: 'ingress' | 'egress';
  /** Whether any policy of this layer selects the endpoint for this direction. */
  isolated: boolean;
  outcome: Outcome;
  basis: Basis;
  /** The rules that decided (allowing rules for `explicit`, denying ones for `deny-rule`, the isolating policies for `no-match`). */
  rules: RuleRef[];
  /** One human sentence, e.g. "not isolated for ingress: allowed by default". */
  reason: string;
}

export interface LayerDecision {
  layer: LayerName;
  outcome: Outcome;
  /** `explicit` when at least one rule of this layer grants the connection; see Basis. */
  basis: Basis;
  /** Per direction where the layer decides per direction (NetworkPolicy: egress at the source, ingress at the destination). */
  directions: DirectionDecision[];
  /** Rules that decided the layer's outcome. */
  rules: RuleRef[];
  /** Rules reported but without effect (Istio AUDIT, dry-run, Calico Log, staged policies). */
  reported?: RuleRef[];
  /** For `conditional`: which L7 or external condition the answer depends on. */
  conditions?: string[];
  reason: string;
}

export interface Verdict {
  verdict: Outcome;
  allowed: boolean;
  /** Only layers that enforce on either end take part. */
  layers: LayerDecision[];
  /** One line: `network: allowed by NetworkPolicy/backend/allow-gw#ingress[0]; istio: denied, ...`. */
  summary: string;
}

/** One end of a connection: a pod of the inventory, or an address outside the cluster's pods. */
export type Endpoint = { kind: 'pod'; pod: Pod } | { kind: 'ip'; ip: string };

export interface HttpRequest {
  method?: string;
  /** Without the query string. */
  path?: string;
  /** Lower-cased header names; headers not listed are absent. */
  headers?: Record<string, string>;
  /** The JWT principal (`iss/sub`) when a valid token is presented; absent = no valid JWT. */
  requestPrincipal?: string;
}

/** One connection question, after names have been resolved to endpoints. */
export interface Connection {
  source: Endpoint;
  destination: Endpoint;
  /** Destination pod port (post-DNAT). */
  port: number;
  /** The container port name at the destination pod, if the port is a named one. */
  portName?: string;
  protocol: Protocol;
  /** Present when the query describes one HTTP request. */
  request?: HttpRequest;
}

/**
 * A policy resource that selects a pod, read from the policy itself (its selector, subject or attachment), not from
 * the connections it happened to decide: a `podSelector: {}` deny-all selects every pod of its namespace even when
 * the pod's own policy decides all of its traffic.
 */
export interface SelectingPolicy {
  layer: LayerName;
  /** The resource (`kind`, `namespace`, `name`); a `path` only where the setting is not a resource of its own (an annotation). */
  ref: RuleRef;
  /** The directions of the pod's traffic the policy has a say on (its policy types, its rule sections). */
  directions: ('ingress' | 'egress')[];
  /**
   * The directions in which being selected alone denies every peer no rule admits (NetworkPolicy `policyTypes`,
   * an enforced Istio ALLOW policy, Cilium default deny, a Calico tier ending in Deny, a Linkerd Server that does not
   * admit everyone). Empty for policies that only add rules (AdminNetworkPolicy, Istio DENY, PeerAuthentication).
   */
  isolates: ('ingress' | 'egress')[];
  /** What else an expert needs: tier and priority, action, mTLS mode, the port, "not enforced: ..." */
  note?: string;
}

/** A policy layer: built once for an inventory and its policies, then asked about many connections. */
export interface PolicyLayer {
  name: LayerName;
  /** Whether the layer enforces on either end of this connection; layers that do not are left out of the verdict. */
  enforces(connection: Connection): boolean;
  decide(connection: Connection): LayerDecision;
  /** The layer's policies that select this pod, in the layer's evaluation order. Absent = the layer cannot tell. */
  selecting?(pod: Pod): SelectingPolicy[];
}

/** Answers connection questions for one inventory and one set of policies (all layers combined). */
export interface Evaluator {
  evaluate(connection: Connection): Verdict;
}
