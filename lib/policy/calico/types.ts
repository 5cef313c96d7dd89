import type { Labels, Protocol } from '../../model/kubernetes';
import type { SourceRef } from '../../model/source';
import type { RuleRef } from '../../model/verdict';
import type { Cidr } from '../model/cidr';
import type { Peer } from '../model/peer';
import type { PortRules } from '../model/ports';
import type { LabelSelector } from '../model/selector';
import type { SelectorExpr } from '../selector-expr';

export type Action = 'Allow' | 'Deny' | 'Log' | 'Pass';
export type Direction = 'ingress' | 'egress';

/** `ports` entry: a number, a `min:max` range, or a named port. */
export type CalicoPort = { kind: 'range'; min: number; max: number } | { kind: 'named'; name: string };

/** Calico EntityRule (`source` / `destination` of a rule). Absent fields match everything. */
export interface EntityMatch {
  nets: Cidr[];
  notNets: Cidr[];
  selector?: SelectorExpr;
  notSelector?: SelectorExpr;
  namespaceSelector?: SelectorExpr;
  serviceAccounts?: { names: string[]; selector?: SelectorExpr };
  services?: { name: string; namespace?: string };
  ports: CalicoPort[];
  notPorts: CalicoPort[];
}

export interface HttpMatch {
  methods: string[];
  paths: ({ exact: string } | { prefix: string })[];
}

export interface CalicoRule {
  /** `ingress[0]` */
  path: string;
  action: Action;
  /** `undefined` = any; `other` = a protocol a query cannot carry (ICMP, UDPLite, a number). */
  protocol?: Protocol | 'other';
  notProtocol?: Protocol | 'other';
  source: EntityMatch;
  destination: EntityMatch;
  http?: HttpMatch;
  /**
   * A rule of a Kubernetes NetworkPolicy (`knp.default.<name>`) or of an AdminNetworkPolicy / BaselineAdminNetworkPolicy /
   * ClusterNetworkPolicy converted by Calico: matched with the Kubernetes peer and port semantics.
   * `peers: null` = every peer.
   */
  upstream?: { peers: { peer: Peer; path: string }[] | null; ports: PortRules };
}

export interface CalicoPolicy {
  /** The resource that decided, as the explanation names it. */
  ref: RuleRef;
  /** Name Calico orders by (after `order`): the full policy name, `knp.default.<name>` for Kubernetes ones. */
  sortName: string;
  /** `undefined` for GlobalNetworkPolicy. */
  namespace?: string;
  tier: string;
  /** `Infinity` when unset ("policies without an order are applied last"). */
  order: number;
  selector: SelectorExpr;
  namespaceSelector?: SelectorExpr;
  serviceAccountSelector?: SelectorExpr;
  types: Record<Direction, boolean>;
  ingress: CalicoRule[];
  egress: CalicoRule[];
  /** Staged policies are reported, never enforced. */
  staged: boolean;
  /** Converted Kubernetes policies select pods with label selectors instead of `selector`. */
  upstreamSubject?: { namespaces?: LabelSelector; pods?: LabelSelector };
  source: SourceRef;
}

export interface CalicoTier {
  name: string;
  order: number;
  defaultAction: 'Deny' | 'Pass';
  ref?: RuleRef;
}

/** NetworkSet / GlobalNetworkSet: labelled address sets that rule selectors can select. */
export interface NetworkSet {
  namespace?: string;
  name: string;
  labels: Labels;
  nets: Cidr[];
}
