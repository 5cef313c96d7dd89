import { SYSTEM_NAMESPACES } from '@/lib/draft';
import { loadSnapshotContent } from '@/lib/db';
import type { Loaded } from '@/components/snapshots/load-snapshots';

/** What the "new draft" form offers for one snapshot: its namespaces and workloads, and the traffic's time range. */
export interface ScopeOptions {
  namespaces: { name: string; workloads: number; edges: number; system: boolean }[];
  workloads: string[];
  /** First and last observation over all edges, `null` without traffic. */
  traffic: { from: string; to: string } | null;
}

/** Server-only: reads the snapshot once for the form; a failure becomes a message, not an error page. */
export async function loadScopeOptions(snapshotId: string): Promise<Loaded<ScopeOptions>> {
  try {
    const { inventory, edges } = await loadSnapshotContent(snapshotId);
    const byNamespace = new Map<string, { workloads: number; edges: number }>();
    const entry = (ns: string) => {
      let counts = byNamespace.get(ns);
      if (!counts) byNamespace.set(ns, (counts = { workloads: 0, edges: 0 }));
      return counts;
    };
    for (const n of inventory.namespaces) entry(n.name);
    for (const w of inventory.workloads) entry(w.namespace).workloads += 1;
    for (const e of edges) {
      const touched = new Set([e.source, e.destination].filter((x) => /^[^:/]+\/[^/]+$/.test(x)).map((x) => x.split('/')[0] ?? ''));
      for (const ns of touched) if (byNamespace.has(ns)) entry(ns).edges += 1;
    }
    const namespaces = [...byNamespace.entries()]
      .map(([name, c]) => ({ name, ...c, system: SYSTEM_NAMESPACES.includes(name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const workloads = inventory.workloads.map((w) => `${w.namespace}/${w.name}`).sort();
    const firsts = edges.map((e) => e.firstSeen).sort();
    const lasts = edges.map((e) => e.lastSeen).sort();
    const traffic = firsts[0] && lasts.at(-1) ? { from: firsts[0], to: lasts.at(-1) ?? firsts[0] } : null;
    return { ok: true, value: { namespaces, workloads, traffic } };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? (error.message.split('\n')[0] ?? 'Unknown error') : String(error) };
  }
}
