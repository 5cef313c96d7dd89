import type { ClassifiedGraph, EdgeClass, EdgeState, GraphNode } from '../graph';
import type { EndpointName } from '../model/identity';
import type { Inventory, Protocol } from '../model/kubernetes';
import { formatRuleRef } from '../model/verdict';

/**
 * Environment separation. A namespace's environment comes, in order, from: an explicit mapping, a namespace
 * label (`environment`, `env`, ...), a name prefix or suffix (`dev-shop`, `shop-prod`), and finally the
 * snapshot's own environment (a snapshot is one cluster, and clusters are often one environment each).
 */
export interface EnvironmentRules {
  /** `namespace → environment`, wins over everything else. */
  namespaces?: Record<string, string>;
  /** Namespace label keys read in order; default `DEFAULT_ENVIRONMENT_LABELS`. */
  labelKeys?: readonly string[];
  /** Infer from `<env>-` prefixes and `-<env>` suffixes of the namespace name; default true. */
  namePrefixes?: boolean;
  /** The snapshot's environment (Snapshot.environment), for namespaces nothing else names. */
  fallback?: string;
}

export const DEFAULT_ENVIRONMENT_LABELS: readonly string[] = ['environment', 'env', 'eastwest.io/environment', 'app.kubernetes.io/environment'];

export type EnvironmentSource = 'explicit' | 'label' | 'name' | 'snapshot';

export interface NamespaceEnvironment {
  namespace: string;
  environment: string;
  source: EnvironmentSource;
  /** The label key or name part it was read from. */
  detail?: string;
}

const ALIASES: Record<string, string> = { production: 'prod', prd: 'prod', live: 'prod', development: 'dev', develop: 'dev', stage: 'staging', stg: 'staging', preprod: 'staging', uat: 'staging', testing: 'test', qa: 'test', sandbox: 'dev' };
const NAME_PART = /^(prod|production|prd|staging|stage|stg|preprod|uat|dev|development|test|testing|qa|sandbox)$/;

/** `Production` → `prod`, `Stage` → `staging`; unknown names are kept (lower case). */
export function normalizeEnvironment(value: string): string {
  const v = value.trim().toLowerCase();
  return ALIASES[v] ?? v;
}

export function isProduction(env: string): boolean {
  return normalizeEnvironment(env) === 'prod';
}

export function resolveEnvironments(inventory: Inventory, rules: EnvironmentRules = {}): NamespaceEnvironment[] {
  const keys = rules.labelKeys ?? DEFAULT_ENVIRONMENT_LABELS;
  const names = new Set([...inventory.namespaces.map((n) => n.name), ...inventory.workloads.map((w) => w.namespace)]);
  const labels = new Map(inventory.namespaces.map((n) => [n.name, n.labels]));
  const out: NamespaceEnvironment[] = [];
  for (const namespace of [...names].sort()) {
    const explicit = rules.namespaces?.[namespace];
    if (explicit) {
      out.push({ namespace, environment: normalizeEnvironment(explicit), source: 'explicit' });
      continue;
    }
    const nsLabels = labels.get(namespace) ?? {};
    const key = keys.find((k) => nsLabels[k]);
    if (key) {
      out.push({ namespace, environment: normalizeEnvironment(nsLabels[key]!), source: 'label', detail: key });
      continue;
    }
    const parts = namespace.split(/[-_]/);
    const part = rules.namePrefixes === false || parts.length < 2 ? undefined : [parts[0]!, parts[parts.length - 1]!].find((p) => NAME_PART.test(p));
    if (part) {
      out.push({ namespace, environment: normalizeEnvironment(part), source: 'name', detail: part });
      continue;
    }
    if (rules.fallback) out.push({ namespace, environment: normalizeEnvironment(rules.fallback), source: 'snapshot' });
  }
  return out;
}

export type LeakSeverity = 'critical' | 'high' | 'medium';

export type LeakEvidence =
  | { kind: 'observed'; count: number; firstSeen: string; lastSeen: string; verdicts: Record<string, number>; observedBy: string[] }
  | { kind: 'policy'; rules: string[] }
  /** Neither end is isolated by any enforcing layer: everything is allowed by default (no rule to name). */
  | { kind: 'default-allow'; sources: EndpointName[] };

export interface EnvironmentLeak {
  /** A workload, or `<namespace>/*` for default-allow findings (every listed source of that namespace). */
  source: EndpointName;
  destination: EndpointName;
  /** `null` = any port (default allow). */
  port: number | null;
  protocol: Protocol;
  sourceEnvironment: string;
  destinationEnvironment: string;
  /** critical: non-prod → prod; high: prod → non-prod; medium: between two non-prod environments. */
  severity: LeakSeverity;
  class: EdgeClass;
  state: EdgeState | null;
  /** The data plane or a policy blocked it: still a finding (someone tried), listed after the open ones. */
  blocked: boolean;
  evidence: LeakEvidence;
  /** The rules that allowed (or denied) it, `kind/ns/name#path`. */
  rules: string[];
}

function severityOf(from: string, to: string): LeakSeverity {
  if (isProduction(to)) return 'critical';
  if (isProduction(from)) return 'high';
  return 'medium';
}

const SEVERITY_RANK: Record<LeakSeverity, number> = { critical: 0, high: 1, medium: 2 };

const namespaceOf = (name: EndpointName): string | undefined => (/^[^:/]+\/[^/]+$/.test(name) ? name.split('/')[0] : undefined);

/**
 * Every observed or policy-allowed (unused) edge whose ends are in different environments. Infrastructure
 * edges (DNS, probes, API server, mesh control plane) are shared by design and not reported; peers outside
 * any namespace (world, IPs, nodes) have no environment.
 */
export function findEnvironmentLeaks(graph: ClassifiedGraph, environments: readonly NamespaceEnvironment[]): EnvironmentLeak[] {
  const envOf = new Map(environments.map((e) => [e.namespace, e.environment]));
  const leaks: EnvironmentLeak[] = [];
  for (const e of graph.edges) {
    if (e.infra !== null) continue;
    const from = envOf.get(namespaceOf(e.source) ?? '');
    const to = envOf.get(namespaceOf(e.destination) ?? '');
    if (!from || !to || from === to) continue;
    const evidence: LeakEvidence = e.observed
      ? { kind: 'observed', count: e.observed.count, firstSeen: e.observed.firstSeen, lastSeen: e.observed.lastSeen, verdicts: e.observed.verdicts, observedBy: e.observedBy }
      : { kind: 'policy', rules: e.rules.map(formatRuleRef) };
    leaks.push({
      source: e.source,
      destination: e.destination,
      port: e.port,
      protocol: e.protocol,
      sourceEnvironment: from,
      destinationEnvironment: to,
      severity: severityOf(from, to),
      class: e.class,
      state: e.state,
      blocked: e.state === 'denied',
      evidence,
      rules: e.rules.map(formatRuleRef),
    });
  }
  leaks.push(...defaultAllowLeaks(graph, envOf));
  return leaks.sort(
    (a, b) =>
      Number(a.blocked) - Number(b.blocked) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Number(a.evidence.kind === 'default-allow') - Number(b.evidence.kind === 'default-allow') ||
      a.source.localeCompare(b.source) ||
      a.destination.localeCompare(b.destination) ||
      (a.port ?? 0) - (b.port ?? 0),
  );
}

/**
 * Connections nobody wrote a rule for: a destination whose ingress no layer isolates, and sources in another
 * environment whose egress no layer isolates, may talk on any port by default (Kubernetes NetworkPolicy: pods
 * are non-isolated unless a policy selects them). One finding per (source namespace, destination).
 */
/** Workloads and bare pods; infrastructure (DNS, mesh control plane) is shared across environments by design. */
const isWorkloadNode = (n: GraphNode) => n.kind === 'workload' || n.kind === 'pod';

function defaultAllowLeaks(graph: ClassifiedGraph, envOf: ReadonlyMap<string, string>): EnvironmentLeak[] {
  const openSources = new Map<string, EndpointName[]>();
  for (const n of graph.nodes) {
    if (!isWorkloadNode(n) || !n.namespace || !n.unprotected.egress) continue;
    openSources.set(n.namespace, [...(openSources.get(n.namespace) ?? []), n.id]);
  }
  const leaks: EnvironmentLeak[] = [];
  for (const d of graph.nodes) {
    if (!isWorkloadNode(d) || !d.namespace || !d.unprotected.ingress) continue;
    const to = envOf.get(d.namespace);
    if (!to) continue;
    for (const [namespace, sources] of openSources) {
      const from = envOf.get(namespace);
      if (!from || from === to) continue;
      leaks.push({
        source: `${namespace}/*`,
        destination: d.id,
        port: null,
        protocol: 'TCP',
        sourceEnvironment: from,
        destinationEnvironment: to,
        severity: severityOf(from, to),
        class: 'unauthorized',
        state: 'unprotected',
        blocked: false,
        evidence: { kind: 'default-allow', sources: [...sources].sort() },
        rules: [],
      });
    }
  }
  return leaks;
}

/** One line of evidence for tables and the report. */
export function leakEvidenceText(l: EnvironmentLeak): string {
  switch (l.evidence.kind) {
    case 'observed':
      return `observed ${l.evidence.count}× until ${l.evidence.lastSeen} (${Object.keys(l.evidence.verdicts).join(', ')})`;
    case 'policy':
      return `allowed by ${l.evidence.rules.join(', ') || 'a rule'}`;
    case 'default-allow':
      return `allowed by default (neither end isolated): ${l.evidence.sources.join(', ')}`;
  }
}
