import type { GraphRules } from '@/lib/graph/model';
import type { Diagnostic } from '@/lib/model/diagnostics';

/**
 * What `GET /api/snapshots/:id/graph/rules` returns: the rule side of one window's classification, the
 * evaluator's diagnostics on the snapshot's policies, and where each policy those rules belong to was read from
 * (so the Rules view shows a file and line without asking for every rule's YAML). Shared by the route and the page.
 */
export interface GraphRulesJson extends GraphRules {
  diagnostics: Diagnostic[];
  /** By `policySourceKey` (`Kind/namespace/name`): the file and 1-based line the policy object starts at. */
  policySources: Record<string, PolicySource>;
}

export interface PolicySource {
  file: string;
  line: number;
}

/** The policy a rule belongs to, as `formatRuleRef` writes it without the path: `NetworkPolicy/boutique/paymentservice`. */
export const policySourceKey = (p: { kind: string; namespace?: string | null; name: string }): string => (p.namespace ? `${p.kind}/${p.namespace}/${p.name}` : `${p.kind}/${p.name}`);
