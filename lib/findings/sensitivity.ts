import { classifySensitivity, type ClassifiedGraph, type SensitivityFinding, type SensitivityRules } from '../graph';
import type { EndpointName } from '../model/identity';
import type { Inventory } from '../model/kubernetes';

/**
 * Service sensitivity: lib/graph's crown-jewel classification (user tags, label rules, data-store ports and
 * names) extended with what the traffic shows: observed paths and operation names such as `/admin`,
 * `/internal`, payment or user-data endpoints (gRPC paths are `/<package>.<Service>/<Method>`).
 */
export type SensitivityCategory = 'admin' | 'internal' | 'payment' | 'user-data' | 'data-store';

export const PATH_CATEGORIES: readonly { category: SensitivityCategory; pattern: RegExp }[] = [
  { category: 'admin', pattern: /(^|\/)(admin|_admin|actuator|debug|manage(ment)?)(\/|$|\.)/i },
  { category: 'internal', pattern: /(^|\/)(internal|_internal|private)(\/|$)/i },
  { category: 'payment', pattern: /(payment|charge|billing|invoice|card|checkout\/pay)/i },
  { category: 'user-data', pattern: /(^|[/._-])(users?|accounts?|profiles?|customers?|addresses|email|pii|personal)([/._-]|$|service)/i },
];

export type ServiceSensitivityReason = SensitivityFinding['reasons'][number] | { kind: 'path'; category: SensitivityCategory; path: string } | { kind: 'service-name'; category: SensitivityCategory };

export interface ServiceSensitivity {
  workload: EndpointName;
  /** crown-jewel: tagged or matched a label rule (as in lib/graph); sensitive: only inferred. */
  level: 'crown-jewel' | 'sensitive';
  categories: SensitivityCategory[];
  reasons: ServiceSensitivityReason[];
}

export interface ServiceSensitivityInput {
  inventory: Inventory;
  graph: ClassifiedGraph;
  crownJewelTags?: readonly EndpointName[];
  rules?: SensitivityRules;
}

export function classifyServiceSensitivity(input: ServiceSensitivityInput): ServiceSensitivity[] {
  const base = new Map(classifySensitivity(input.inventory, input.crownJewelTags ?? [], input.rules).map((f) => [f.workload, f]));
  const extra = new Map<EndpointName, ServiceSensitivityReason[]>();
  const add = (w: EndpointName, r: ServiceSensitivityReason) => {
    const list = extra.get(w) ?? [];
    if (!list.some((x) => JSON.stringify(x) === JSON.stringify(r))) list.push(r);
    extra.set(w, list);
  };
  for (const e of input.graph.edges) {
    for (const op of e.operations) {
      if (!op.path) continue;
      for (const { category, pattern } of PATH_CATEGORIES) if (pattern.test(op.path)) add(e.destination, { kind: 'path', category, path: op.path });
    }
  }
  // The workload's own name (paymentservice, user-api) is a weaker hint, kept as its own reason kind.
  for (const w of input.inventory.workloads) {
    const name = `${w.namespace}/${w.name}`;
    for (const { category, pattern } of PATH_CATEGORIES) if (category !== 'admin' && category !== 'internal' && pattern.test(w.name)) add(name, { kind: 'service-name', category });
  }
  const names = new Set([...base.keys(), ...extra.keys()]);
  return [...names].sort().map((workload) => {
    const b = base.get(workload);
    const reasons: ServiceSensitivityReason[] = [...(b?.reasons ?? []), ...(extra.get(workload) ?? [])];
    const categories = new Set<SensitivityCategory>();
    for (const r of reasons) {
      if (r.kind === 'path' || r.kind === 'service-name') categories.add(r.category);
      if (r.kind === 'port' || r.kind === 'name') categories.add('data-store');
    }
    return { workload, level: b?.crownJewel ? 'crown-jewel' : 'sensitive', categories: [...categories].sort(), reasons };
  });
}
