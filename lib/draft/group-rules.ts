import type { Grant } from './types';

/**
 * Merges per-peer grants into rules: peers allowed on exactly the same port set share one rule, so every
 * peer appears in one rule only and a rule never grants a peer a port it was not observed on
 * (`from: [A, B], ports: [p]` allows A:p and B:p, nothing else).
 */
export interface PeerEntry<P, T> {
  /** Stable identity of the peer (sort key). */
  key: string;
  peers: P[];
  /** One target per port (or per L7 operation group); its `key` decides which peers can share a rule. */
  targets: Map<string, T>;
  grants: Grant[];
}

export interface MergedRule<P, T> {
  peers: P[];
  targets: T[];
  grants: Grant[];
}

export class RuleGrouper<P, T> {
  private readonly entries = new Map<string, PeerEntry<P, T>>();

  add(key: string, peers: P[], targetKey: string, target: T, grant: Grant): void {
    const entry = this.entries.get(key) ?? { key, peers, targets: new Map<string, T>(), grants: [] };
    entry.targets.set(targetKey, target);
    if (!entry.grants.includes(grant)) entry.grants.push(grant);
    this.entries.set(key, entry);
  }

  rules(): MergedRule<P, T>[] {
    const byTargets = new Map<string, MergedRule<P, T>>();
    const entries = [...this.entries.values()].sort((a, b) => cmp(a.key, b.key));
    for (const e of entries) {
      const targetKeys = [...e.targets.keys()].sort(cmp);
      const k = JSON.stringify(targetKeys);
      const rule = byTargets.get(k) ?? { peers: [], targets: targetKeys.map((t) => e.targets.get(t) as T), grants: [] };
      for (const peer of e.peers) if (!rule.peers.some((q) => JSON.stringify(q) === JSON.stringify(peer))) rule.peers.push(peer);
      rule.grants.push(...e.grants);
      byTargets.set(k, rule);
    }
    return [...byTargets.entries()].sort(([a], [b]) => cmp(a, b)).map(([, r]) => r);
  }
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sort key of a port target: protocol, then the port number zero-padded so 80 sorts before 443. */
export const portKey = (protocol: string, port: number | string) => `${protocol}/${String(port).padStart(5, '0')}`;
