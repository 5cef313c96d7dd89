import { classifyPathSensitivity, classifySensitivity, PATH_CATEGORIES, type ClassifiedGraph, type SensitivityCategory, type SensitivityFinding, type SensitivityRules } from '../graph';
import type { EndpointName } from '../model/identity';
import type { Inventory } from '../model/kubernetes';

/**
 * Service sensitivity: lib/graph's crown-jewel classification (user tags, label rules, data-store ports and
 * names) extended with what the traffic shows: observed paths and operation names such as `/admin`,
 * `/internal`, payment or user-data endpoints (gRPC paths are `/<package>.<Service>/<Method>`).
 */
// The path patterns live in lib/graph (path-sensitivity.ts), which also marks graph nodes and feeds blast radius.
export { PATH_CATEGORIES, type SensitivityCategory };

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
  const paths = input.graph.edges.flatMap((e) => e.operations.flatMap((op) => (op.path ? [{ destination: e.destination, path: op.path }] : [])));
  for (const [destination, reasons] of classifyPathSensitivity(paths)) for (const r of reasons) add(destination, r);
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
