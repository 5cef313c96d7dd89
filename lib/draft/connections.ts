import { findPods } from '../inventory';
import type { EndpointName } from '../model/identity';
import type { Inventory, Pod, Protocol } from '../model/kubernetes';
import type { Connection, Endpoint, Evaluator, Verdict } from '../model/verdict';
import { samplePath } from './path-template';

/** The address asked about for `world`: TEST-NET-3 (RFC 5737), i.e. "some address outside the cluster". */
export const WORLD_SAMPLE_IP = '203.0.113.10';

/** At most this many pods per side are asked about (workloads of many replicas share their labels). */
const MAX_PODS = 8;

export interface EdgeLike {
  source: EndpointName;
  destination: EndpointName;
  port: number;
  protocol: Protocol;
  method?: string;
  pathTemplate?: string;
}

function podsOf(inventory: Inventory, name: EndpointName): Pod[] {
  const [ns, n] = name.split('/') as [string, string];
  const pod = inventory.pods.find((p) => p.namespace === ns && p.name === n);
  if (pod) return [pod];
  const pods = findPods(inventory, { namespace: ns, name: n });
  const real = pods.filter((p) => !p.synthetic);
  return (real.length > 0 ? real : pods).slice(0, MAX_PODS);
}

/** The endpoints an endpoint name stands for, or the reason it cannot be asked about. */
export function endpointsOf(inventory: Inventory, name: EndpointName): Endpoint[] | string {
  if (name === 'world') return [{ kind: 'ip', ip: WORLD_SAMPLE_IP }];
  if (name.startsWith('ip:')) return [{ kind: 'ip', ip: name.slice(3) }];
  if (name.startsWith('cidr:')) return [{ kind: 'ip', ip: (name.slice(5).split('/')[0] ?? '') }];
  if (name.startsWith('node:')) {
    const node = name.slice(5);
    const ips = new Set(inventory.nodes.find((n) => n.name === node)?.ips ?? []);
    for (const p of inventory.pods) if (p.nodeName === node && p.hostIP) ips.add(p.hostIP);
    return ips.size > 0 ? [...ips].sort().slice(0, 1).map((ip) => ({ kind: 'ip', ip })) : `no address known for ${name}`;
  }
  if (name === 'kube-apiserver') {
    const ips = inventory.endpointSlices.filter((s) => s.namespace === 'default' && (s.serviceName ?? s.name) === 'kubernetes').flatMap((s) => s.endpoints.flatMap((e) => e.addresses));
    return ips.length > 0 ? ips.slice(0, MAX_PODS).map((ip) => ({ kind: 'ip', ip })) : 'no EndpointSlice for default/kubernetes';
  }
  if (/^[^:/]+\/[^/]+$/.test(name)) {
    const pods = podsOf(inventory, name);
    return pods.length > 0 ? pods.map((pod) => ({ kind: 'pod', pod })) : `${name} is not in the inventory`;
  }
  return `${name} has no address to evaluate`;
}

/** Every (source pod, destination pod) question an observed edge stands for. */
export function edgeConnections(inventory: Inventory, edge: EdgeLike): Connection[] | string {
  const sources = endpointsOf(inventory, edge.source);
  if (typeof sources === 'string') return sources;
  const destinations = endpointsOf(inventory, edge.destination);
  if (typeof destinations === 'string') return destinations;
  const request =
    edge.method !== undefined || edge.pathTemplate !== undefined
      ? { request: { ...(edge.method !== undefined ? { method: edge.method } : {}), ...(edge.pathTemplate !== undefined ? { path: samplePath(edge.pathTemplate) } : {}) } }
      : {};
  return sources.flatMap((source) =>
    destinations.map((destination) => {
      const portName = destination.kind === 'pod' ? destination.pod.ports.find((p) => p.port === edge.port && p.protocol === edge.protocol)?.name : undefined;
      return { source, destination, port: edge.port, protocol: edge.protocol, ...(portName ? { portName } : {}), ...request };
    }),
  );
}

/**
 * `allowed` when every pod pair is allowed, `denied` when none is, `partial` when pods of one workload disagree,
 * `conditional` when nothing is denied but the answer depends on what Eastwest cannot see (Istio CUSTOM, FQDNs).
 */
export type EdgeOutcome = 'allowed' | 'denied' | 'partial' | 'conditional' | 'unknown';

export interface EdgeVerdict {
  outcome: EdgeOutcome;
  /** The first verdict that decided (a denying one when any pair is denied). */
  verdict?: Verdict;
  reason?: string;
}

export function evaluateEdge(evaluator: Evaluator, inventory: Inventory, edge: EdgeLike): EdgeVerdict {
  const connections = edgeConnections(inventory, edge);
  if (typeof connections === 'string') return { outcome: 'unknown', reason: connections };
  const verdicts = connections.map((c) => evaluator.evaluate(c));
  const allowed = verdicts.filter((v) => v.verdict === 'allowed').length;
  const deniedCount = verdicts.filter((v) => v.verdict === 'denied').length;
  const outcome: EdgeOutcome =
    allowed === verdicts.length ? 'allowed' : deniedCount === verdicts.length ? 'denied' : deniedCount === 0 ? 'conditional' : 'partial';
  const verdict = verdicts.find((v) => v.verdict === 'denied') ?? verdicts.find((v) => v.verdict !== 'allowed') ?? verdicts[0];
  return { outcome, ...(verdict ? { verdict } : {}) };
}
