import type { SourceRef } from '../../model/source';
import type { RuleRef } from '../../model/verdict';
import type { Peer } from '../model/peer';
import type { PortRules } from '../model/ports';
import type { LabelSelector } from '../model/selector';

export interface NetpolPeer {
  peer: Peer;
  /** `ingress[0].from[1]` */
  path: string;
}

export interface NetpolRule {
  /** `ingress[0]` */
  path: string;
  /** `null` = the rule has no `from`/`to` (or an empty list): every source/destination, in or outside the cluster. */
  peers: NetpolPeer[] | null;
  ports: PortRules;
}

/** A networking.k8s.io/v1 NetworkPolicy after validation and defaulting. */
export interface Netpol {
  ref: RuleRef;
  namespace: string;
  podSelector: LabelSelector;
  /** `null` when the policy does not isolate this direction (`policyTypes`). */
  ingress: NetpolRule[] | null;
  egress: NetpolRule[] | null;
  source: SourceRef;
}
