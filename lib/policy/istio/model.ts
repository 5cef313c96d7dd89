import type { SourceRef } from '../../model/source';
import type { RuleRef } from '../../model/verdict';

/**
 * Normalised Istio security resources (security.istio.io v1 and v1beta1 share one schema).
 * https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
export type AuthorizationAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

/** One attribute test: `values` (any may match) and `notValues` (none may match), as Istio's model builds it. */
export interface AttributeCheck {
  /** Istio attribute key: `source.principal`, `request.headers[x-user]`, `methods` is `request.method`... */
  key: string;
  /** Where it was written, for explanations: `from[0].source.principals`, `when[1]`. */
  field: string;
  values: string[];
  notValues: string[];
  /** Only exists on HTTP traffic (methods, paths, hosts, headers, JWT attributes). */
  httpOnly: boolean;
  /** Values Istio cannot turn into a matcher (bad CIDR or port): an ALLOW rule is then skipped, a DENY rule ignores them. */
  invalid: string[];
}

export interface IstioRule {
  index: number;
  /** `from` entries (OR); `null` = any source. Each entry's checks are ANDed. */
  from: AttributeCheck[][] | null;
  /** `to` entries (OR); `null` = any operation. */
  to: AttributeCheck[][] | null;
  /** `when` conditions, all required. */
  when: AttributeCheck[];
  /** A `when` key Istio does not know: the whole rule is skipped (pilot/pkg/security/authz/model/model.go). */
  unknownKey?: string;
}

export type PolicyScope =
  | { kind: 'namespace' }
  | { kind: 'selector'; matchLabels: Record<string, string> }
  | { kind: 'targetRefs'; gateways: string[]; others: string[] };

export interface IstioAuthorizationPolicy {
  ref: RuleRef;
  namespace: string;
  name: string;
  action: AuthorizationAction;
  provider?: string;
  scope: PolicyScope;
  /** Empty = the policy never matches (an ALLOW policy then allows nothing). */
  rules: IstioRule[];
  /** `istio.io/dry-run: "true"`: evaluated and reported, never enforced. */
  dryRun: boolean;
  createdAt?: string;
  order: number;
  source?: SourceRef;
}

export type MtlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

export interface IstioPeerAuthentication {
  ref: RuleRef;
  namespace: string;
  name: string;
  /** `null` = no selector (namespace-wide, or mesh-wide in the root namespace). */
  matchLabels: Record<string, string> | null;
  mode: MtlsMode;
  portLevel: Map<number, MtlsMode>;
  createdAt?: string;
  order: number;
  source?: SourceRef;
}
