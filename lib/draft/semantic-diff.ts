import type { EndpointName } from '../model/identity';
import type { Inventory, Protocol } from '../model/kubernetes';
import type { EngineOptions, ManifestObject } from '../model/manifest';
import { createEvaluator } from '../policy';
import { evaluateEdge, type EdgeOutcome } from './connections';
import { cmp } from './group-rules';

export interface DiffInput {
  inventory: Inventory;
  before: readonly ManifestObject[];
  after: readonly ManifestObject[];
  /** Limit the pairs to these workloads (`ns/name`, both ends); default every workload. */
  workloads?: readonly EndpointName[];
  /** Ports to ask about per destination on top of its declared container ports (e.g. observed ones). */
  extraPorts?: readonly { destination: EndpointName; port: number; protocol: Protocol }[];
  options?: Partial<EngineOptions>;
}

export interface PairChange {
  source: EndpointName;
  destination: EndpointName;
  port: number;
  protocol: Protocol;
  before: EdgeOutcome;
  after: EdgeOutcome;
}

export interface SemanticDiff {
  /** Connections allowed after and not before. */
  gained: PairChange[];
  /** Connections allowed before and not after. */
  lost: PairChange[];
  /** Other changes (partial or conditional answers on either side). */
  changed: PairChange[];
  /** How many (source, destination, port) questions were compared. */
  compared: number;
}

/**
 * Compares what two policy sets allow between workloads: for every ordered workload pair and every port the
 * destination declares, the engine's answer before and after. Not a text diff: reordering rules, renaming
 * policies or merging them changes nothing here.
 */
export function semanticDiff(input: DiffInput): SemanticDiff {
  const before = createEvaluator(input.inventory, [...input.before], input.options).value;
  const after = createEvaluator(input.inventory, [...input.after], input.options).value;
  const only = input.workloads ? new Set(input.workloads) : null;
  const workloads = input.inventory.workloads
    .map((w) => ({ name: `${w.namespace}/${w.name}`, ports: w.ports }))
    .filter((w) => !only || only.has(w.name))
    .sort((a, b) => cmp(a.name, b.name));
  const result: SemanticDiff = { gained: [], lost: [], changed: [], compared: 0 };
  for (const dst of workloads) {
    const ports = new Map<string, { port: number; protocol: Protocol }>();
    for (const p of dst.ports) ports.set(`${p.protocol}/${p.port}`, { port: p.port, protocol: p.protocol });
    for (const p of input.extraPorts ?? []) if (p.destination === dst.name) ports.set(`${p.protocol}/${p.port}`, p);
    const sortedPorts = [...ports.values()].sort((a, b) => cmp(a.protocol, b.protocol) || a.port - b.port);
    for (const src of workloads) {
      if (src.name === dst.name) continue;
      for (const { port, protocol } of sortedPorts) {
        const edge = { source: src.name, destination: dst.name, port, protocol };
        const b = evaluateEdge(before, input.inventory, edge).outcome;
        const a = evaluateEdge(after, input.inventory, edge).outcome;
        result.compared++;
        if (a === b) continue;
        const change = { ...edge, before: b, after: a };
        if (a === 'allowed' && b === 'denied') result.gained.push(change);
        else if (a === 'denied' && b === 'allowed') result.lost.push(change);
        else result.changed.push(change);
      }
    }
  }
  return result;
}
