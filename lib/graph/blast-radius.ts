import type { EndpointName, Protocol } from '../model';
import type { WorkloadInfraKind } from './infra';

/**
 * Blast radius: an attacker owns one workload and moves laterally over whatever is allowed.
 * The graph is workload-level; each edge is one (source, destination, port, protocol) that the
 * chosen evidence permits (policy-allowed for "potential", observed-and-not-blocked for "actual").
 */
export interface ReachEdge {
  source: EndpointName;
  destination: EndpointName;
  port: number;
  protocol: Protocol;
  /** L7 restrictions on this hop, e.g. `GET /api/v1/users*`; absent = any request. */
  restrictions?: string[];
}

export interface Hop {
  from: EndpointName;
  to: EndpointName;
  port: number;
  protocol: Protocol;
  restrictions?: string[];
}

export interface ReachedWorkload {
  workload: EndpointName;
  hops: number;
  /** One shortest path from a compromised workload. */
  path: Hop[];
  crownJewel: boolean;
  /** Shared infrastructure (cluster DNS, mesh control plane, API server): see `BlastRadiusOptions.infra`. */
  infra?: WorkloadInfraKind;
  /** Reached but not walked on from: going further would take compromising the infrastructure itself. */
  notTraversed?: true;
}

export interface BlastRadius {
  from: EndpointName[];
  reached: ReachedWorkload[];
}

export interface BlastRadiusOptions {
  maxHops?: number;
  crownJewels?: ReadonlySet<EndpointName>;
  /**
   * Shared infrastructure every pod must reach (infra.ts). Reaching CoreDNS with DNS queries or istiod for xDS
   * does not hand the attacker CoreDNS or istiod, so by default such a workload is reached but the search does
   * not continue from it: otherwise every workload would "reach" whatever DNS can reach, and least-privilege
   * policies would look useless. A compromised start workload is always walked from, infrastructure or not.
   */
  infra?: ReadonlyMap<EndpointName, WorkloadInfraKind>;
  /** Walk on from infrastructure too: the attacker is assumed able to compromise it (default false). */
  pivotThroughInfra?: boolean;
}

type Stop = (node: EndpointName) => boolean;

/** Which reached workloads the search does not walk on from (never a start workload). */
function stopsAt(options: BlastRadiusOptions, start: Iterable<EndpointName>): Stop {
  const infra = options.infra;
  if (options.pivotThroughInfra || !infra || infra.size === 0) return () => false;
  const starts = new Set(start);
  return (node) => infra.has(node) && !starts.has(node);
}

type Adjacency = Map<EndpointName, ReachEdge[]>;

export function toAdjacency(edges: readonly ReachEdge[], direction: 'forward' | 'reverse' = 'forward'): Adjacency {
  const adjacency: Adjacency = new Map();
  for (const edge of edges) {
    const key = direction === 'forward' ? edge.source : edge.destination;
    let list = adjacency.get(key);
    if (!list) adjacency.set(key, (list = []));
    list.push(edge);
  }
  // Deterministic paths: prefer the lowest port, then the name, among equally short ones.
  for (const list of adjacency.values()) list.sort((a, b) => a.port - b.port || (direction === 'forward' ? a.destination : a.source).localeCompare(direction === 'forward' ? b.destination : b.source));
  return adjacency;
}

/**
 * Breadth-first search from the compromised workloads: the first visit of a workload is at its minimum
 * hop count, and the parent pointers give a shortest path. Runs in O(V + E) for one source set.
 */
export function computeBlastRadius(adjacency: Adjacency, from: readonly EndpointName[], options: BlastRadiusOptions = {}): BlastRadius {
  return search(adjacency, from, options, 'forward');
}

/** Exposure is the same search on reversed edges: who can reach `to`, directly and transitively. */
export function computeExposure(reverseAdjacency: Adjacency, to: readonly EndpointName[], options: BlastRadiusOptions = {}): BlastRadius {
  return search(reverseAdjacency, to, options, 'reverse');
}

function search(adjacency: Adjacency, start: readonly EndpointName[], options: BlastRadiusOptions, direction: 'forward' | 'reverse'): BlastRadius {
  const maxHops = options.maxHops ?? Number.POSITIVE_INFINITY;
  const stop = stopsAt(options, start);
  const parent = new Map<EndpointName, { via: ReachEdge; hops: number } | null>();
  for (const s of start) parent.set(s, null);
  let frontier = [...new Set(start)];
  let depth = 0;
  while (frontier.length > 0 && depth < maxHops) {
    depth += 1;
    const next: EndpointName[] = [];
    for (const node of frontier) {
      for (const edge of adjacency.get(node) ?? []) {
        const target = direction === 'forward' ? edge.destination : edge.source;
        if (parent.has(target)) continue;
        parent.set(target, { via: edge, hops: depth });
        if (!stop(target)) next.push(target);
      }
    }
    frontier = next;
  }

  const reached: ReachedWorkload[] = [];
  for (const [workload, entry] of parent) {
    if (!entry) continue;
    const infra = options.infra?.get(workload);
    reached.push({
      workload,
      hops: entry.hops,
      path: pathTo(parent, workload, direction),
      crownJewel: options.crownJewels?.has(workload) ?? false,
      ...(infra ? { infra } : {}),
      ...(stop(workload) ? { notTraversed: true as const } : {}),
    });
  }
  reached.sort((a, b) => a.hops - b.hops || a.workload.localeCompare(b.workload));
  return { from: [...start], reached };
}

function pathTo(parent: Map<EndpointName, { via: ReachEdge; hops: number } | null>, node: EndpointName, direction: 'forward' | 'reverse'): Hop[] {
  const hops: Hop[] = [];
  let current = node;
  for (let entry = parent.get(current); entry; entry = parent.get(current)) {
    const { via } = entry;
    hops.push({ from: via.source, to: via.destination, port: via.port, protocol: via.protocol, ...(via.restrictions ? { restrictions: via.restrictions } : {}) });
    current = direction === 'forward' ? via.source : via.destination;
  }
  // Forward search walks back from the target, so reverse to read source → target; an exposure path already reads that way.
  return direction === 'forward' ? hops.reverse() : hops;
}

export interface RiskEntry {
  workload: EndpointName;
  reachable: number;
  /** Share of the other workloads in the snapshot that are reachable. */
  share: number;
  crownJewelsReached: EndpointName[];
}

/**
 * The ranked "riskiest workloads" list: largest blast radius first, crown jewels reached as the tie-breaker.
 * It runs one search per workload, so it uses integer ids, a compressed adjacency and a stamped visited
 * array instead of the path-building search above (counts only, no paths).
 */
export function rankRiskiestWorkloads(adjacency: Adjacency, workloads: readonly EndpointName[], options: BlastRadiusOptions & { limit?: number } = {}): RiskEntry[] {
  const ids = new Map<EndpointName, number>();
  const nameOf: EndpointName[] = [];
  const idOf = (name: EndpointName) => {
    let id = ids.get(name);
    if (id === undefined) {
      id = nameOf.length;
      ids.set(name, id);
      nameOf.push(name);
    }
    return id;
  };
  for (const w of workloads) idOf(w);
  for (const [source, list] of adjacency) {
    idOf(source);
    for (const e of list) idOf(e.destination);
  }
  const n = nameOf.length;
  const offsets = new Int32Array(n + 1);
  for (const [source, list] of adjacency) offsets[idOf(source) + 1] = list.length;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Int32Array(offsets[n]!);
  for (const [source, list] of adjacency) {
    let at = offsets[idOf(source)]!;
    for (const e of list) targets[at++] = idOf(e.destination);
  }
  const jewel = new Uint8Array(n);
  for (const name of options.crownJewels ?? []) if (ids.has(name)) jewel[ids.get(name)!] = 1;
  // The same stopping rule as the path-building search; a workload is never a stop for its own search.
  const leaf = new Uint8Array(n);
  if (!options.pivotThroughInfra) for (const name of options.infra?.keys() ?? []) if (ids.has(name)) leaf[ids.get(name)!] = 1;

  const maxHops = options.maxHops ?? Number.POSITIVE_INFINITY;
  const seen = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const depth = new Int32Array(n);
  const others = Math.max(1, workloads.length - 1);
  const entries = workloads.map((workload, stamp): RiskEntry => {
    const start = ids.get(workload)!;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    seen[start] = stamp;
    depth[start] = 0;
    const jewels: EndpointName[] = [];
    while (head < tail) {
      const node = queue[head++]!;
      if (depth[node]! >= maxHops || (leaf[node] && node !== start)) continue;
      for (let i = offsets[node]!; i < offsets[node + 1]!; i++) {
        const next = targets[i]!;
        if (seen[next] === stamp) continue;
        seen[next] = stamp;
        depth[next] = depth[node]! + 1;
        queue[tail++] = next;
        if (jewel[next]) jewels.push(nameOf[next]!);
      }
    }
    const reachable = tail - 1;
    return { workload, reachable, share: reachable / others, crownJewelsReached: jewels.sort() };
  });
  entries.sort((a, b) => b.reachable - a.reachable || b.crownJewelsReached.length - a.crownJewelsReached.length || a.workload.localeCompare(b.workload));
  return entries.slice(0, options.limit ?? 10);
}
