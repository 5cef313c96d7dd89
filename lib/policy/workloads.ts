import type { Inventory, Pod, Protocol, Service } from '../model/kubernetes';
import type { Connection, Endpoint, Evaluator, HttpRequest, Outcome, Verdict } from '../model/verdict';
import { resolveEndpointName } from '../inventory/resolve';
import { targetPortOn } from '../inventory/service-pods';

/** One reachability question by name, as the CLI and the API take it. */
export interface ReachQuery {
  /** `ns/name` (pod first, then workload) or `ip:<address>`. */
  from: string;
  to: string;
  /** A number, or a container port name resolved per destination pod. */
  port: number | string;
  /** Default: the named container port's protocol, else TCP. */
  protocol?: Protocol;
  request?: HttpRequest;
}

export interface PairResult {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  verdict: Verdict;
}

export interface ReachAnswer {
  from: string;
  to: string;
  port: number | string;
  protocol: Protocol;
  verdict: Outcome;
  allowed: boolean;
  /** The verdict of the representative pod pair (the first one that disagrees with "allowed", else the first). */
  explanation: Verdict;
  /** False when pods of the same workload get different verdicts. */
  consistent: boolean;
  /** One verdict per (source pod, destination pod) pair. */
  pairs: PairResult[];
  /** Why the workload-level answer is what it is, when there are several pods. */
  note?: string;
}

export type ReachResult = { ok: true; value: ReachAnswer } | { ok: false; error: string };

const podName = (p: Pod) => `${p.namespace}/${p.name}`;

function toEndpoints(inventory: Inventory, name: string): { ok: true; eps: Endpoint[]; service?: Service } | { ok: false; error: string } {
  const r = resolveEndpointName(inventory, name);
  if (!r.ok) return r;
  if (r.value.kind === 'ip') return { ok: true, eps: [{ kind: 'ip', ip: r.value.ip }] };
  return { ok: true, eps: r.value.pods.map((pod) => ({ kind: 'pod', pod })), ...(r.value.kind === 'service' ? { service: r.value.service } : {}) };
}

const endpointLabel = (e: Endpoint) => (e.kind === 'pod' ? podName(e.pod) : `ip:${e.ip}`);

/**
 * Answers one query at workload level: a workload is a set of pods, every (source pod, destination pod)
 * pair is evaluated; the answer is "allowed" only when every pair is allowed, and `consistent: false`
 * says the pods disagree. A named port is resolved against each destination pod's container ports.
 * When the destination resolves to a Service (no pod or workload of that name), the port is a Service port
 * and is translated to its targetPort on each backing pod: policies see the pod port (post-DNAT).
 */
export function answerReachQuery(inventory: Inventory, evaluator: Evaluator, q: ReachQuery): ReachResult {
  const from = toEndpoints(inventory, q.from);
  if (!from.ok) return { ok: false, error: from.error };
  const to = toEndpoints(inventory, q.to);
  if (!to.ok) return { ok: false, error: to.error };
  if (typeof q.port === 'number' && (!Number.isInteger(q.port) || q.port < 1 || q.port > 65535)) return { ok: false, error: `invalid port ${q.port}` };

  // Destination named by a Service: the port is a Service port, sent to its targetPort on each pod.
  const svc = to.service;
  const servicePort = svc?.ports.find((p) => (typeof q.port === 'number' ? p.port === q.port : p.name === q.port) && (q.protocol === undefined || p.protocol === q.protocol));
  if (svc && !servicePort) {
    const list = svc.ports.map((p) => `${p.name ? `${p.name}=` : ''}${p.port}/${p.protocol}`).join(', ');
    return { ok: false, error: `service ${q.to} has no port ${q.port}${q.protocol ? `/${q.protocol}` : ''} (ports: ${list || 'none'})` };
  }

  const pairs: PairResult[] = [];
  const missingNamed: string[] = [];
  for (const d of to.eps) {
    let port: number;
    let protocol: Protocol = q.protocol ?? 'TCP';
    let portName: string | undefined;
    if (servicePort && d.kind === 'pod') {
      const target = targetPortOn(servicePort, d.pod);
      if (target === null) {
        missingNamed.push(podName(d.pod));
        continue;
      }
      port = target;
      protocol = servicePort.protocol;
      portName = d.pod.ports.find((p) => p.port === port && p.protocol === protocol)?.name;
    } else if (typeof q.port === 'string') {
      if (d.kind !== 'pod') return { ok: false, error: `named port "${q.port}" cannot be used with ${q.to}: only pods have named ports` };
      const cp = d.pod.ports.find((p) => p.name === q.port && (q.protocol === undefined || p.protocol === q.protocol));
      if (!cp) {
        missingNamed.push(podName(d.pod));
        continue;
      }
      port = cp.port;
      protocol = cp.protocol;
      portName = cp.name;
    } else {
      port = q.port;
      if (d.kind === 'pod') portName = d.pod.ports.find((p) => p.port === port && p.protocol === protocol)?.name;
    }
    for (const s of from.eps) {
      const c: Connection = { source: s, destination: d, port, protocol, ...(portName ? { portName } : {}), ...(q.request ? { request: q.request } : {}) };
      pairs.push({ from: endpointLabel(s), to: endpointLabel(d), port, protocol, verdict: evaluator.evaluate(c) });
    }
  }
  const first = pairs[0];
  if (!first) {
    if (servicePort) return { ok: false, error: `no pod of service ${q.to} declares the target port "${servicePort.targetPort}"` };
    return { ok: false, error: `no pod of ${q.to} declares a container port named "${q.port}"${q.protocol ? ` with protocol ${q.protocol}` : ''}` };
  }
  const outcomes = new Set(pairs.map((p) => p.verdict.verdict));
  const verdict: Outcome = outcomes.has('denied') ? 'denied' : outcomes.has('conditional') ? 'conditional' : 'allowed';
  const representative = pairs.find((p) => p.verdict.verdict === verdict) ?? first;
  const consistent = outcomes.size === 1;
  const notes: string[] = [];
  if (!consistent) {
    const allowed = pairs.filter((p) => p.verdict.allowed).length;
    notes.push(`pods disagree: ${allowed} of ${pairs.length} pod pairs allowed (shown: ${representative.from} -> ${representative.to})`);
  }
  if (servicePort) notes.push(`via Service ${q.to} port ${servicePort.port}/${servicePort.protocol} -> target port ${servicePort.targetPort}`);
  if (missingNamed.length) notes.push(`no container port "${servicePort ? servicePort.targetPort : q.port}" on ${missingNamed.join(', ')}`);
  return {
    ok: true,
    value: {
      from: q.from,
      to: q.to,
      port: q.port,
      protocol: representative.protocol,
      verdict,
      allowed: verdict === 'allowed',
      explanation: representative.verdict,
      consistent,
      pairs,
      ...(notes.length ? { note: notes.join('; ') } : {}),
    },
  };
}
