import type { Protocol } from '../../model/kubernetes';
import type { SourceRef } from '../../model/source';
import type { RuleRef } from '../../model/verdict';
import type { Cidr } from '../model/cidr';
import type { CiliumSelector } from './selector';

/** One L3 peer of a rule, normalised (`path` = `ingress[0].fromEndpoints[1]`). */
export type CiliumPeer =
  | { kind: 'endpoints'; path: string; selector: CiliumSelector }
  | { kind: 'entity'; path: string; entity: string; selectors: CiliumSelector[] | 'all' }
  | { kind: 'cidr'; path: string; cidr: Cidr; except: Cidr[] }
  | { kind: 'nodes'; path: string; selector: CiliumSelector }
  | { kind: 'service'; path: string; name?: string; namespace?: string }
  | { kind: 'fqdn'; path: string; matchName?: string; matchPattern?: string }
  | { kind: 'cidrGroup'; path: string; name?: string; selector?: CiliumSelector; except: Cidr[] }
  | { kind: 'none'; path: string; why: string };

/** A CiliumCIDRGroup (cilium.io/v2alpha1): a named, labelled list of external CIDRs that `fromCIDRSet` can reference. */
export interface CidrGroup {
  name: string;
  labels: Record<string, string>;
  cidrs: Cidr[];
}

/** One `toPorts[].ports[]` entry. `port` undefined = every port; `protocol` undefined = ANY. */
export interface CiliumPort {
  port?: number | string;
  endPort?: number;
  protocol?: Protocol;
}

export interface HttpRule {
  path: string;
  method?: string;
  pathRegex?: string;
  host?: string;
  /** `headers: ["X-Key: value"]` (value must equal) or `["X-Key"]` (presence). */
  headers: { name: string; value?: string }[];
  /** `headerMatches` without a `mismatch` action (with one, a mismatch only rewrites or logs, never denies). */
  headerMatches: { name: string; value?: string; secret: boolean }[];
}

export type L7Rules =
  | { kind: 'http'; rules: HttpRule[] }
  | { kind: 'dns'; patterns: string[] }
  | { kind: 'other'; what: string };

export interface CiliumPortRule {
  path: string;
  /** Empty = every port and protocol. */
  ports: CiliumPort[];
  /** `null` = L3/L4 only. */
  l7: L7Rules | null;
  /** TLS SNI restriction (`serverNames`), decided by the proxy. */
  serverNames: string[];
}

export interface CiliumPeerRule {
  /** `ingress[0]`, `specs[1].egressDeny[0]` */
  path: string;
  /**
   * `null` when the rule names no L3 peer at all: with `toPorts` it applies to every peer (L4-only rule),
   * without it the rule allows nothing (`ingress: [{}]` is Cilium's documented default-deny idiom).
   */
  peers: CiliumPeer[] | null;
  /** `null` = no `toPorts`: every port. */
  ports: CiliumPortRule[] | null;
}

export type Direction = 'ingress' | 'egress';

/** One rule of a CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy (`spec` or one entry of `specs`). */
export interface CiliumRule {
  policy: RuleRef;
  /** `''` for `spec`, `specs[1].` for the second entry of `specs`. */
  pathPrefix: string;
  /** `undefined` for a cluster-wide policy. */
  namespace?: string;
  subject: { kind: 'endpoints'; selector: CiliumSelector } | { kind: 'nodes'; selector: CiliumSelector };
  ingress: CiliumPeerRule[];
  ingressDeny: CiliumPeerRule[];
  egress: CiliumPeerRule[];
  egressDeny: CiliumPeerRule[];
  /** Per-direction default-deny posture after defaulting (`enableDefaultDeny`). */
  defaultDeny: Record<Direction, boolean>;
  source: SourceRef;
}
