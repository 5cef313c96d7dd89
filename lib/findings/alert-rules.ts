import { stringify } from 'yaml';
import type { ClassifiedGraph } from '../graph';
import type { EndpointName } from '../model/identity';
import type { AlertingRule, PrometheusRule } from './prometheus-rule-schema';

/**
 * Alerting rules for what can be watched live, on Istio's standard metric `istio_requests_total`
 * (istio.io "Istio Standard Metrics": labels `reporter`, `source_workload`, `source_workload_namespace`,
 * `destination_workload`, `destination_workload_namespace`, `response_code`, `grpc_response_status`).
 * `reporter="destination"` counts each request once, at the server's sidecar (which made the RBAC decision).
 * Istio's `source_workload` is the Deployment name for pods owned by a ReplicaSet, matching Eastwest's names.
 */
export interface AlertRulesInput {
  /** The baseline: its observed, not blocked, workload pairs are the known callers. */
  graph: ClassifiedGraph;
  /** Workloads to watch for new callers (`ns/name`); default every workload node of the graph. */
  destinations?: readonly EndpointName[];
  name?: string;
  namespace?: string;
  /** Extra metadata labels (the Prometheus Operator's `ruleSelector` usually needs one, e.g. `release: prometheus`). */
  labels?: Record<string, string>;
  /** 403s per second per destination above which the denial alert fires; default 0 (any). */
  deniedRateThreshold?: number;
  /** Range of `rate()`; default 5m. */
  range?: string;
  /** How long the condition must hold; default 5m for denials, 1m for new callers. */
  deniedFor?: string;
  newCallerFor?: string;
}

/** PromQL string literal: double-quoted with backslash escapes (prometheus.io "Querying basics" → String literals). */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** RE2 alternation of literal names, fully anchored by PromQL's `=~` / `!~`. */
export function literalAlternation(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

const split = (w: EndpointName): [string, string] => {
  const i = w.indexOf('/');
  return [w.slice(0, i), w.slice(i + 1)];
};

const matchers = (pairs: [string, string, string][]) => `{${pairs.map(([k, op, v]) => `${k}${op}${promString(v)}`).join(',')}}`;

/** The known callers of each destination in the baseline: observed and not blocked. */
export function knownCallers(graph: ClassifiedGraph): Map<EndpointName, Set<EndpointName>> {
  const known = new Map<EndpointName, Set<EndpointName>>();
  for (const e of graph.edges) {
    if (!e.observed || e.state === 'denied' || !e.source.includes('/') || e.source.includes(':')) continue;
    const set = known.get(e.destination) ?? new Set();
    set.add(e.source);
    known.set(e.destination, set);
  }
  return known;
}

/**
 * New caller of `destination`: traffic from a (namespace, workload) pair not in `callers`. PromQL has no tuple
 * negation, so the expression is an `or` of one selector per known caller namespace (other workloads of that
 * namespace) plus one for every other namespace; each selector is exact, none depends on name uniqueness.
 */
export function newCallerExpr(destination: EndpointName, callers: ReadonlySet<EndpointName>, range = '5m'): string {
  const [dns, dname] = split(destination);
  const base: [string, string, string][] = [
    ['reporter', '=', 'destination'],
    ['destination_workload_namespace', '=', dns],
    ['destination_workload', '=', dname],
  ];
  const byNamespace = new Map<string, string[]>();
  for (const c of [...callers].sort()) {
    const [ns, name] = split(c);
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), name]);
  }
  const selectors: string[] = [];
  if (byNamespace.size === 0) selectors.push(`istio_requests_total${matchers(base)}`);
  else {
    selectors.push(`istio_requests_total${matchers([...base, ['source_workload_namespace', '!~', literalAlternation([...byNamespace.keys()])]])}`);
    for (const [ns, names] of byNamespace) selectors.push(`istio_requests_total${matchers([...base, ['source_workload_namespace', '=', ns], ['source_workload', '!~', literalAlternation(names)]])}`);
  }
  const rates = selectors.map((s) => `rate(${s}[${range}])`).join(' or ');
  return `sum by (source_workload_namespace, source_workload, destination_workload_namespace, destination_workload) (${rates}) > 0`;
}

export function deniedRateExpr(threshold = 0, range = '5m'): string {
  // HTTP denials are 403; gRPC denials are HTTP 200 with grpc-status 7 (istio/istio#38984), so count both.
  const http = `rate(istio_requests_total{reporter="destination",response_code="403"}[${range}])`;
  const grpc = `rate(istio_requests_total{reporter="destination",grpc_response_status="7"}[${range}])`;
  return `sum by (destination_workload_namespace, destination_workload) (${http} or ${grpc}) > ${threshold}`;
}

export function buildAlertRules(input: AlertRulesInput): PrometheusRule {
  const range = input.range ?? '5m';
  const known = knownCallers(input.graph);
  const destinations = [...(input.destinations ?? input.graph.nodes.filter((n) => n.kind === 'workload').map((n) => n.id))].sort();
  const denied: AlertingRule = {
    alert: 'EastwestDeniedRequests',
    expr: deniedRateExpr(input.deniedRateThreshold ?? 0, range),
    for: input.deniedFor ?? '5m',
    labels: { severity: 'warning', source: 'eastwest' },
    annotations: {
      summary: 'Denied requests to {{ $labels.destination_workload_namespace }}/{{ $labels.destination_workload }}',
      description: '{{ $value | humanize }} requests/s were denied (HTTP 403 or gRPC PERMISSION_DENIED) by the destination sidecar.',
    },
  };
  const newCaller: AlertingRule[] = destinations.map((d) => {
    const callers = known.get(d) ?? new Set<EndpointName>();
    return {
      alert: 'EastwestNewCaller',
      expr: newCallerExpr(d, callers, range),
      for: input.newCallerFor ?? '1m',
      labels: { severity: 'warning', source: 'eastwest', eastwest_destination: d },
      annotations: {
        summary: 'New caller {{ $labels.source_workload_namespace }}/{{ $labels.source_workload }} of ' + d,
        description: `Not a caller of ${d} in the baseline (known callers: ${[...callers].sort().join(', ') || 'none'}).`,
      },
    };
  });
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: input.name ?? 'eastwest-findings', ...(input.namespace ? { namespace: input.namespace } : {}), labels: { 'app.kubernetes.io/managed-by': 'eastwest', ...input.labels } },
    spec: {
      groups: [
        { name: 'eastwest.denied', rules: [denied] },
        { name: 'eastwest.new-callers', rules: newCaller.length ? newCaller : [{ alert: 'EastwestNewCaller', expr: 'vector(0) > 0', labels: { source: 'eastwest' } }] },
      ],
    },
  };
}

export function renderAlertRules(rule: PrometheusRule): string {
  return `# Generated by eastwest: alerting rules for east-west findings (Prometheus Operator PrometheusRule).\n${stringify(rule, { lineWidth: 0 })}`;
}
