import type { ClassifiedEdge, ClassifiedGraph, SensitivityFinding } from '../graph';
import type { EndpointName } from '../model/identity';
import type { Protocol } from '../model/kubernetes';
import { formatRuleRef } from '../model/verdict';
import { addVerdicts, emptyCounts, toShares, type StatusClass, type StatusShares } from './status';

export interface OperationCaller {
  source: EndpointName;
  count: number;
  lastSeen: string;
}

/** One operation of a service: `GET /api/users/{id}` on a port, or just `7070/TCP (grpc)` where only L4 is known. */
export interface ApiOperation {
  /** Display key: `<METHOD> <path>` or `<port>/<protocol>`. */
  operation: string;
  method?: string;
  path?: string;
  port: number;
  protocol: Protocol;
  appProtocol?: string;
  count: number;
  callers: OperationCaller[];
  status: StatusShares;
}

export interface ServiceApi {
  service: EndpointName;
  operations: ApiOperation[];
  /** Every caller over all operations, most requests first. */
  callers: (OperationCaller & { ports: number[] })[];
  status: StatusShares;
  /** The rules that decided the observed calls (allowing ones, or denying/isolating ones for blocked calls). */
  rules: string[];
  sensitivity: SensitivityFinding | null;
}

interface Acc {
  op: Omit<ApiOperation, 'callers' | 'status'>;
  callers: Map<EndpointName, OperationCaller>;
  counts: Record<StatusClass, number>;
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Per destination workload: what is called on it (L7 operations where a source saw them, else port and
 * protocol), by whom, how often, last seen, how the calls ended, and which rules govern them.
 * Only observed edges count; infrastructure edges (DNS, probes) are left out.
 */
export function computeApiInventory(graph: ClassifiedGraph, sensitivity: readonly SensitivityFinding[] = []): ServiceApi[] {
  const workloads = new Set(graph.nodes.filter((n) => n.kind === 'workload').map((n) => n.id));
  const bySensitivity = new Map(sensitivity.map((s) => [s.workload, s]));
  const services = new Map<EndpointName, { ops: Map<string, Acc>; rules: Set<string>; counts: Record<StatusClass, number>; callers: Map<EndpointName, OperationCaller & { ports: number[] }> }>();

  for (const e of graph.edges) {
    if (!e.observed || e.infra !== null || !workloads.has(e.destination)) continue;
    let s = services.get(e.destination);
    if (!s) services.set(e.destination, (s = { ops: new Map(), rules: new Set(), counts: emptyCounts(), callers: new Map() }));
    for (const r of e.rules) s.rules.add(formatRuleRef(r));
    addVerdicts(s.counts, e.observed.verdicts);
    const caller = s.callers.get(e.source) ?? { source: e.source, count: 0, lastSeen: '', ports: [] };
    caller.count += e.observed.count;
    caller.lastSeen = later(caller.lastSeen, e.observed.lastSeen);
    if (!caller.ports.includes(e.port)) caller.ports.push(e.port);
    s.callers.set(e.source, caller);
    for (const part of operationsOf(e)) {
      let acc = s.ops.get(part.key);
      if (!acc) s.ops.set(part.key, (acc = { op: part.op, callers: new Map(), counts: emptyCounts() }));
      acc.op.count += part.count;
      addVerdicts(acc.counts, part.verdicts);
      const c = acc.callers.get(e.source) ?? { source: e.source, count: 0, lastSeen: '' };
      c.count += part.count;
      c.lastSeen = later(c.lastSeen, e.observed.lastSeen);
      acc.callers.set(e.source, c);
    }
  }

  return [...services.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, s]) => ({
      service,
      operations: [...s.ops.values()]
        .map((a) => ({ ...a.op, callers: [...a.callers.values()].sort((x, y) => y.count - x.count || x.source.localeCompare(y.source)), status: toShares(a.counts) }))
        .sort((x, y) => x.port - y.port || x.operation.localeCompare(y.operation)),
      callers: [...s.callers.values()].map((c) => ({ ...c, ports: c.ports.sort((x, y) => x - y) })).sort((x, y) => y.count - x.count || x.source.localeCompare(y.source)),
      status: toShares(s.counts),
      rules: [...s.rules].sort(),
      sensitivity: bySensitivity.get(service) ?? null,
    }));
}

function operationsOf(e: ClassifiedEdge): { key: string; op: Omit<ApiOperation, 'callers' | 'status'>; count: number; verdicts: Record<string, number> }[] {
  const base = { port: e.port, protocol: e.protocol, ...(e.appProtocol ? { appProtocol: e.appProtocol } : {}), count: 0 };
  const l7 = e.operations.filter((o) => o.method || o.path);
  if (l7.length === 0) {
    const operation = `${e.port}/${e.protocol}`;
    return [{ key: `${operation}`, op: { ...base, operation }, count: e.observed?.count ?? 0, verdicts: e.observed?.verdicts ?? {} }];
  }
  return l7.map((o) => {
    const operation = [o.method, o.path].filter(Boolean).join(' ');
    return {
      key: `${e.port}/${e.protocol} ${operation}`,
      op: { ...base, operation, ...(o.method ? { method: o.method } : {}), ...(o.path ? { path: o.path } : {}) },
      count: o.count,
      verdicts: o.verdicts,
    };
  });
}
