import type { Inventory, Pod, Protocol } from '../model/kubernetes';
import type { Connection, Evaluator, PolicyLayer } from '../model/verdict';
import { hasBit } from './network/bitset';
import type { NetworkLayer } from './network/layer';
import { NetworkMatrixBuilder, type MatrixTarget } from './network/matrix';

export interface MatrixEntry {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
}

export interface ReachMatrix {
  pods: Pod[];
  /** Destination pod index, port and protocol of every column. */
  targets: (MatrixTarget & { name?: string })[];
  /** Whether pod `source` may reach `targets[target]`, all enforcing layers combined. */
  isAllowed(source: number, target: number): boolean;
  entries(): MatrixEntry[];
}

export interface MatrixOptions {
  /** Ports to probe on every pod instead of the container ports each pod exposes (upstream e2e style). */
  ports?: { port: number; protocol: Protocol }[];
}

const podName = (p: Pod) => `${p.namespace}/${p.name}`;

function targetsOf(pods: Pod[], options: MatrixOptions): ReachMatrix['targets'] {
  const out: ReachMatrix['targets'] = [];
  pods.forEach((pod, i) => {
    if (options.ports) {
      for (const p of options.ports) out.push({ pod: i, port: p.port, protocol: p.protocol });
      return;
    }
    const seen = new Set<string>();
    for (const cp of pod.ports) {
      const key = `${cp.port}/${cp.protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ pod: i, port: cp.port, protocol: cp.protocol, ...(cp.name ? { name: cp.name } : {}) });
    }
  });
  return out;
}

/**
 * Reachability of every pod to every port the pods expose. The network layer is computed for all sources of
 * a target at once (bit sets); the other layers (meshes...) are only asked about pairs the network allows.
 */
export function computeMatrix(inventory: Inventory, evaluator: Evaluator & { layers: PolicyLayer[] }, options: MatrixOptions = {}): ReachMatrix {
  // Finished pods send and receive nothing (and their IPs may already belong to another pod).
  const pods = inventory.pods.filter((p) => p.phase !== 'Succeeded' && p.phase !== 'Failed');
  const targets = targetsOf(pods, options);
  const network = evaluator.layers.find((l): l is NetworkLayer => l.name === 'network' && 'model' in l);
  const others = evaluator.layers.filter((l) => l !== network);
  const builder = network ? new NetworkMatrixBuilder(network.model, pods) : null;
  const columns = targets.map((t) => builder?.allowed(t) ?? null);
  const cache = new Map<number, boolean>();
  const isAllowed = (s: number, t: number): boolean => {
    const col = columns[t];
    if (col && !hasBit(col, s)) return false;
    if (others.length === 0) return true;
    const key = s * targets.length + t;
    let v = cache.get(key);
    if (v === undefined) {
      const target = targets[t]!;
      const dst = pods[target.pod]!;
      const portName = target.name ?? dst.ports.find((p) => p.port === target.port && p.protocol === target.protocol)?.name;
      const c: Connection = { source: { kind: 'pod', pod: pods[s]! }, destination: { kind: 'pod', pod: dst }, port: target.port, protocol: target.protocol, ...(portName ? { portName } : {}) };
      v = others.filter((l) => l.enforces(c)).every((l) => l.decide(c).outcome === 'allowed');
      cache.set(key, v);
    }
    return v;
  };
  return {
    pods,
    targets,
    isAllowed,
    entries() {
      const out: MatrixEntry[] = [];
      for (let s = 0; s < pods.length; s++) {
        for (let t = 0; t < targets.length; t++) {
          const target = targets[t]!;
          out.push({ from: podName(pods[s]!), to: podName(pods[target.pod]!), port: target.port, protocol: target.protocol, allowed: isAllowed(s, t) });
        }
      }
      return out;
    },
  };
}
