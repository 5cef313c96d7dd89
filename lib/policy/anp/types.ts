import type { SourceRef } from '../../model/source';
import type { RuleRef } from '../../model/verdict';
import type { Peer } from '../model/peer';
import type { PortRules } from '../model/ports';
import type { LabelSelector } from '../model/selector';

/** Allow (v1alpha1) and Accept (v1alpha2) are the same action. */
export type ClusterAction = 'Allow' | 'Deny' | 'Pass';
export type Tier = 'Admin' | 'Baseline';

export interface ClusterPeer {
  peer: Peer;
  /** `ingress[0].from[1]` */
  path: string;
}

export interface ClusterRule {
  /** `ingress[0]` */
  path: string;
  name?: string;
  action: ClusterAction;
  /** The action word as written (`Accept` for ClusterNetworkPolicy). */
  actionText: string;
  peers: ClusterPeer[];
  ports: PortRules;
}

/** Subject: pods in namespaces matching `namespaces` AND (when set) labels matching `pods`. */
export interface ClusterSubject {
  namespaces: LabelSelector;
  pods?: LabelSelector;
}

/**
 * AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy (v1alpha2),
 * all normalised to one tiered, prioritised rule list.
 */
export interface ClusterPolicy {
  ref: RuleRef;
  tier: Tier;
  priority: number;
  subject: ClusterSubject;
  ingress: ClusterRule[];
  egress: ClusterRule[];
  source: SourceRef;
}
