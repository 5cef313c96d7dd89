import type { Diagnostic } from '../model/diagnostics';
import { isWorkloadName, type EndpointName } from '../model/identity';
import type { Inventory, Workload } from '../model/kubernetes';
import type { ObservedEdge } from '../traffic/model';
import { combineObservations, edgeObservations, mergeObservations } from '../traffic/aggregate/observations';
import { inWindow, keepNotDenied } from './keep-edge';
import type { ConnectionKey, DraftInput, ExclusionReason, Grant, Operation } from './types';

/**
 * Namespaces left out of an implicit (whole-snapshot) scope: a default-deny there built from a short capture
 * would cut DNS, xDS and other control-plane traffic that was simply not observed (every sidecar talks to
 * istiod). Name them explicitly to draft them.
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'istio-system', 'linkerd', 'linkerd-viz', 'cilium'];

export interface CollectedGrants {
  grants: Grant[];
  excluded: { edge: ObservedEdge; reason: ExclusionReason }[];
  /** Namespaces that get a baseline; empty when the scope is a list of workloads. */
  namespaces: string[];
  /** Workloads policies are written for (`ns/name`), sorted. */
  subjects: EndpointName[];
  diagnostics: Diagnostic[];
}

export function workloadIndex(inventory: Inventory): Map<EndpointName, Workload> {
  const index = new Map<EndpointName, Workload>();
  for (const w of inventory.workloads) index.set(`${w.namespace}/${w.name}`, w);
  return index;
}

const NON_WORKLOAD = /^(world|kube-apiserver|ip:.+|cidr:.+|node:.+|dns:.+)$/;

/** Whether a policy can name this endpoint: a workload of the inventory or a non-workload peer with an address. */
function isExpressible(name: EndpointName, workloads: Map<EndpointName, Workload>): boolean {
  if (isWorkloadName(name)) return workloads.has(name);
  return NON_WORKLOAD.test(name);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Filters the observed edges (window, keep, scope) and merges them into grants, one per connection. */
export function collectGrants(input: DraftInput): CollectedGrants {
  const diagnostics: Diagnostic[] = [];
  const keep = input.keep ?? keepNotDenied;
  const workloads = workloadIndex(input.inventory);
  const excluded: CollectedGrants['excluded'] = [];
  const candidates: ObservedEdge[] = [];
  const connectionKey = (e: ConnectionKey) => JSON.stringify([e.source, e.destination, e.protocol, e.port]);
  const dropped = new Set((input.dropped ?? []).map(connectionKey));
  for (const edge of input.edges) {
    if (dropped.has(connectionKey(edge))) excluded.push({ edge, reason: 'dropped' });
    else if (!inWindow(edge, input.window)) excluded.push({ edge, reason: 'outside-window' });
    else if (!keep(edge)) excluded.push({ edge, reason: 'filtered' });
    else if (!isExpressible(edge.source, workloads) || !isExpressible(edge.destination, workloads)) excluded.push({ edge, reason: 'unresolved-endpoint' });
    else candidates.push(edge);
  }

  const scope = input.scope ?? {};
  let namespaces: string[];
  let subjects: EndpointName[];
  if (scope.workloads && scope.workloads.length > 0) {
    namespaces = [];
    subjects = [...new Set(scope.workloads)].filter((w) => {
      if (workloads.has(w)) return true;
      diagnostics.push({ severity: 'error', code: 'unknown-workload', message: `scope names ${w}, which is not a workload of the inventory` });
      return false;
    });
  } else {
    if (scope.namespaces && scope.namespaces.length > 0) {
      namespaces = [...new Set(scope.namespaces)];
      for (const ns of namespaces)
        if (!input.inventory.namespaces.some((n) => n.name === ns) && !input.inventory.workloads.some((w) => w.namespace === ns))
          diagnostics.push({ severity: 'warning', code: 'unknown-namespace', message: `scope names namespace ${ns}, which has no workloads in the inventory` });
    } else {
      const touched = new Set<string>();
      for (const e of candidates) for (const end of [e.source, e.destination]) if (workloads.has(end)) touched.add(end.split('/')[0] ?? '');
      namespaces = [...touched].filter((ns) => !SYSTEM_NAMESPACES.includes(ns));
      const skipped = [...touched].filter((ns) => SYSTEM_NAMESPACES.includes(ns));
      if (skipped.length > 0)
        diagnostics.push({ severity: 'info', code: 'system-namespace-skipped', message: `no baseline drafted for ${skipped.sort(compare).join(', ')}: name system namespaces explicitly to draft them` });
    }
    subjects = [...workloads.keys()].filter((w) => namespaces.includes(w.split('/')[0] ?? ''));
  }
  namespaces.sort(compare);
  subjects.sort(compare);

  const subjectSet = new Set(subjects);
  const byConnection = new Map<string, ObservedEdge[]>();
  for (const edge of candidates) {
    if (!subjectSet.has(edge.source) && !subjectSet.has(edge.destination)) {
      excluded.push({ edge, reason: 'outside-scope' });
      continue;
    }
    const key = JSON.stringify([edge.source, edge.destination, edge.protocol, edge.port]);
    const list = byConnection.get(key) ?? [];
    list.push(edge);
    byConnection.set(key, list);
  }
  const grants = [...byConnection.values()].map(toGrant);
  const observed = new Set(grants.map(connectionKey));
  for (const g of input.granted ?? []) {
    const key = connectionKey(g);
    if (observed.has(key) || dropped.has(key)) continue;
    if (!isExpressible(g.source, workloads) || !isExpressible(g.destination, workloads)) {
      diagnostics.push({ severity: 'error', code: 'unknown-endpoint', message: `manual grant ${g.source} -> ${g.destination}: not a workload of the inventory or a known peer` });
      continue;
    }
    if (!subjectSet.has(g.source) && !subjectSet.has(g.destination))
      diagnostics.push({ severity: 'warning', code: 'grant-outside-scope', message: `manual grant ${g.source} -> ${g.destination} touches no workload in scope; not drafted` });
    else {
      observed.add(key);
      grants.push({ source: g.source, destination: g.destination, port: g.port, protocol: g.protocol, operations: g.operations && g.operations.length > 0 ? g.operations : null, count: 0, firstSeen: '', lastSeen: '', manual: true });
    }
  }
  grants.sort(compareGrants);
  return { grants, excluded, namespaces, subjects, diagnostics };
}

function toGrant(edges: ObservedEdge[]): Grant {
  const first = edges[0] as ObservedEdge;
  const ops = new Map<string, Operation>();
  for (const e of edges) {
    if (e.method === undefined && e.pathTemplate === undefined) continue;
    const op: Operation = { ...(e.method !== undefined ? { method: e.method.toUpperCase() } : {}), ...(e.pathTemplate !== undefined ? { pathTemplate: e.pathTemplate } : {}) };
    ops.set(JSON.stringify([op.method ?? '', op.pathTemplate ?? '']), op);
  }
  const operations = ops.size === 0 ? null : [...ops.entries()].sort(([a], [b]) => compare(a, b)).map(([, op]) => op);
  return {
    source: first.source,
    destination: first.destination,
    port: first.port,
    protocol: first.protocol,
    operations,
    // One observer's routes add up; another format's view of the same traffic counts once (lib/traffic observations).
    count: combineObservations(mergeObservations(...edges.map(edgeObservations))).count,
    firstSeen: edges.map((e) => e.firstSeen).sort(compare)[0] ?? first.firstSeen,
    lastSeen: edges.map((e) => e.lastSeen).sort(compare).at(-1) ?? first.lastSeen,
  };
}

export function compareGrants(a: Grant, b: Grant): number {
  return compare(a.destination, b.destination) || compare(a.source, b.source) || compare(a.protocol, b.protocol) || a.port - b.port;
}
