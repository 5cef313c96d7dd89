import { workloadName, type EndpointName, type Inventory, type Workload } from '../model';
import type { ObservedEdge } from '../traffic/model';
import { classifyPathSensitivity, PATH_CATEGORIES, type PathCategory, type PathSensitivityReason, type SensitivityCategory } from './path-sensitivity';

/**
 * Crown jewels and sensitive services: workloads whose compromise or reach matters most. Users tag them
 * (stored in the database); Eastwest also infers them from labels/annotations the user configures, and
 * suggests well-known data stores by their ports and container names, services by the paths they were
 * seen answering (path-sensitivity.ts) and by their own name (`paymentservice`). This is the one
 * computation behind every surface: blast radius and its API, the riskiest list, Findings, the report
 * and the graph's node panel.
 */
export interface SensitivityRules {
  /** `key=value` (exact) or `key` (present) on pod-template labels or annotations, or on the namespace's labels. */
  labels: string[];
}

export const DEFAULT_SENSITIVITY_RULES: SensitivityRules = { labels: ['data-classification=restricted', 'eastwest.io/crown-jewel=true'] };

/** Ports of data stores and secret managers an attacker looks for first. */
export const WELL_KNOWN_SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [5432, 'PostgreSQL'],
  [3306, 'MySQL/MariaDB'],
  [1433, 'SQL Server'],
  [27017, 'MongoDB'],
  [6379, 'Redis'],
  [11211, 'Memcached'],
  [9092, 'Kafka'],
  [9200, 'Elasticsearch'],
  [8200, 'Vault'],
  [2379, 'etcd'],
]);

const WELL_KNOWN_NAMES = /(^|[-_])(postgres(ql)?|mysql|mariadb|mongo(db)?|redis|memcached|kafka|elasticsearch|opensearch|vault|etcd|cassandra)($|[-_])/;

export type SensitivityReason =
  | { kind: 'tag' }
  | { kind: 'label'; rule: string }
  | { kind: 'port'; port: number; product: string }
  | { kind: 'name'; match: string }
  | PathSensitivityReason
  /** The workload's own name says what it handles (`paymentservice`, `user-api`): the weakest hint. */
  | { kind: 'service-name'; category: PathCategory };

export interface SensitivityFinding {
  workload: EndpointName;
  /** Tags and matching label rules make a crown jewel; ports, names and observed paths only make it sensitive. */
  level: 'crown-jewel' | 'sensitive';
  /** What it holds, from the reasons: `data-store` (port or name), or a path category (`payment`, `admin`, ...). */
  categories: SensitivityCategory[];
  reasons: SensitivityReason[];
}

/** Path categories a workload's own name can suggest; `admin`/`internal` in a name says little about its data. */
const NAME_CATEGORIES = PATH_CATEGORIES.filter((c) => c.category !== 'admin' && c.category !== 'internal');

/** `observedPaths`: classifyPathSensitivity over the snapshot's traffic; omitted, only the inventory is read. */
export function classifySensitivity(
  inventory: Inventory,
  tags: readonly EndpointName[],
  rules: SensitivityRules = DEFAULT_SENSITIVITY_RULES,
  observedPaths: ReadonlyMap<EndpointName, readonly PathSensitivityReason[]> = new Map(),
): SensitivityFinding[] {
  const tagged = new Set(tags);
  const namespaceLabels = new Map(inventory.namespaces.map((n) => [n.name, n.labels]));
  const findings: SensitivityFinding[] = [];
  for (const workload of inventory.workloads) {
    const name = workloadName(workload);
    const reasons: SensitivityReason[] = [];
    // A namespace tag (`ns/*`) marks every workload in it.
    if (tagged.has(name) || tagged.has(`${workload.namespace}/*`)) reasons.push({ kind: 'tag' });
    for (const rule of rules.labels) {
      if (matchesLabelRule(rule, workload, namespaceLabels.get(workload.namespace) ?? {})) reasons.push({ kind: 'label', rule });
    }
    for (const port of workload.ports) {
      const product = WELL_KNOWN_SENSITIVE_PORTS.get(port.port);
      if (product) reasons.push({ kind: 'port', port: port.port, product });
    }
    const nameMatch = [workload.name, ...workload.containers].find((n) => WELL_KNOWN_NAMES.test(n));
    if (nameMatch && !reasons.some((r) => r.kind === 'port')) reasons.push({ kind: 'name', match: nameMatch });
    reasons.push(...(observedPaths.get(name) ?? []));
    for (const { category, pattern } of NAME_CATEGORIES) if (pattern.test(workload.name)) reasons.push({ kind: 'service-name', category });
    if (reasons.length > 0) findings.push({ workload: name, level: reasons.some((r) => r.kind === 'tag' || r.kind === 'label') ? 'crown-jewel' : 'sensitive', categories: categoriesOf(reasons), reasons });
  }
  return findings.sort((a, b) => a.workload.localeCompare(b.workload));
}

function categoriesOf(reasons: readonly SensitivityReason[]): SensitivityCategory[] {
  const categories = new Set<SensitivityCategory>();
  for (const r of reasons) {
    if (r.kind === 'path' || r.kind === 'service-name') categories.add(r.category);
    if (r.kind === 'port' || r.kind === 'name') categories.add('data-store');
  }
  return [...categories].sort();
}

export interface SnapshotSensitivityInput {
  inventory: Inventory;
  /** Observed traffic: the paths each service was seen answering (every observed path counts). */
  edges: readonly ObservedEdge[];
  crownJewelTags?: readonly EndpointName[];
  rules?: SensitivityRules;
}

/** A snapshot's sensitivity: what blast radius, Findings and the node panel all show (`prepareBlastRadius` uses it). */
export function classifySnapshotSensitivity(input: SnapshotSensitivityInput): SensitivityFinding[] {
  const paths = input.edges.flatMap((e) => (e.pathTemplate ? [{ destination: e.destination, path: e.pathTemplate }] : []));
  return classifySensitivity(input.inventory, input.crownJewelTags ?? [], input.rules, classifyPathSensitivity(paths));
}

function matchesLabelRule(rule: string, workload: Workload, namespaceLabels: Record<string, string>): boolean {
  const [key, value] = rule.split('=', 2) as [string, string | undefined];
  return [workload.podLabels, workload.podAnnotations, namespaceLabels].some((labels) => (value === undefined ? key in labels : labels[key] === value));
}

export function crownJewelSet(findings: readonly SensitivityFinding[]): Set<EndpointName> {
  return new Set(findings.filter((f) => f.level === 'crown-jewel').map((f) => f.workload));
}
