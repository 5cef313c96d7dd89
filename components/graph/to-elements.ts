import type { ReachedWorkload } from '@/lib/graph/blast-radius';
import type { ReportedWorkload } from '@/lib/graph/blast-radius-report';
import { blastNodeLabel } from '@/components/blast-radius/blast-label';
import type { GraphNode, SummaryEdge } from '@/lib/graph/model';
import { SUMMARY_KINDS, summaryEdgeId, summaryTotal } from '@/lib/graph/summary-edge';
import { edgeKindOf } from './view-state';
import type { VisibleGraph } from './visible-graph';

/**
 * The visible graph as Cytoscape element descriptions. Every data field the stylesheet reads is always set
 * (Cytoscape warns and draws nothing useful for `data(x)` on a missing field), and highlighting is classes only.
 */

export interface ElementData {
  id: string;
  label: string;
  /** Node: GraphNode kind, `namespace` (compound box) or `collapsed`; edge: EdgeKind, `summary` or `path`. */
  kind: string;
  parent?: string;
  source?: string;
  target?: string;
  /** Nodes: `none` | `ingress` | `egress` | `both`. */
  unprotected: string;
  /** Label shown in blast radius mode (`name · hop 2`). */
  blastLabel: string;
  /** Edge label on hover: port/protocol. */
  portLabel: string;
  width: number;
}

export interface Element {
  group: 'nodes' | 'edges';
  data: ElementData;
  classes: string;
}

export const namespaceBoxId = (ns: string): string => `nsbox:${ns}`;
/** The canvas id of a summary edge (the selection panel finds it by this id). */
export const summaryElementId = (e: Pick<SummaryEdge, 'source' | 'destination'>): string => `summary:${summaryEdgeId(e)}`;

/** The blast-radius overlay: which workloads are reached at which hop, and the path to the chosen target. */
export interface BlastOverlay {
  /** `blast`: start = compromised workloads; `exposure`: start = the targets, hops count towards them. */
  direction: 'blast' | 'exposure';
  start: string[];
  reached: ReportedWorkload[];
  target?: string;
}

const unprotectedOf = (n: GraphNode): string =>
  n.unprotected.ingress && n.unprotected.egress ? 'both' : n.unprotected.ingress ? 'ingress' : n.unprotected.egress ? 'egress' : 'none';

const base = { unprotected: 'none', blastLabel: '', portLabel: '', width: 2 };

/**
 * Put before the name of a node that is not isolated (or a collapsed namespace holding such workloads): the amber
 * double border says it in colour, this says it in the text, in every look that draws labels. Also in the legend.
 */
export const NOT_ISOLATED_MARK = '⚠';
const marked = (label: string, unprotected: boolean): string => (unprotected ? `${NOT_ISOLATED_MARK} ${label}` : label);

/** The worst class in a summary edge decides its style: denied, then unprotected, allowed, unused. */
export function summaryKind(e: SummaryEdge): string {
  if (e.counts.denied) return 'denied';
  if (e.counts.unprotected) return 'unprotected';
  if (e.counts.allowed) return 'allowed';
  return 'unused';
}

export function toElements(graph: VisibleGraph, overlay?: BlastOverlay): Element[] {
  const hopOf = new Map<string, number>();
  const crown = new Set(overlay?.reached.filter((r) => r.crownJewel).map((r) => r.workload));
  const reachedById = new Map(overlay?.reached.map((r) => [r.workload, r]));
  const onPath = new Set<string>();
  let pathHops: ReachedWorkload['path'] = [];
  if (overlay) {
    for (const s of overlay.start) hopOf.set(s, 0);
    for (const r of overlay.reached) if (!hopOf.has(r.workload)) hopOf.set(r.workload, r.hops);
    pathHops = overlay.reached.find((r) => r.workload === overlay.target)?.path ?? [];
    for (const h of pathHops) onPath.add(`${h.from}|${h.to}`);
  }
  const nodeClasses = (id: string, extra: string[]): string => {
    if (!overlay) return extra.join(' ');
    const hop = hopOf.get(id);
    const cls = [...extra, hop === undefined ? 'dimmed' : `hop-${Math.min(hop, 3)}`];
    if (crown.has(id)) cls.push('crown');
    if (id === overlay.target) cls.push('target');
    return cls.join(' ');
  };
  const edgeClasses = (source: string, target: string, extra: string[]): string => {
    if (!overlay) return extra.join(' ');
    const s = hopOf.get(source);
    const t = hopOf.get(target);
    const walked = s !== undefined && t !== undefined && t === s + 1;
    return [...extra, onPath.has(`${source}|${target}`) ? 'on-path' : walked ? 'walked' : 'dimmed'].join(' ');
  };

  const out: Element[] = [];
  const drawn = new Set<string>();
  const namespaces = new Set(graph.nodes.map((n) => n.namespace).filter((ns): ns is string => !!ns));
  for (const ns of [...namespaces].sort()) {
    out.push({ group: 'nodes', data: { ...base, id: namespaceBoxId(ns), label: ns, kind: 'namespace' }, classes: overlay ? 'blast' : '' });
  }
  for (const n of graph.nodes) {
    drawn.add(n.id);
    const hop = hopOf.get(n.id);
    const open = n.unprotected.ingress || n.unprotected.egress;
    out.push({
      group: 'nodes',
      data: {
        ...base,
        id: n.id,
        label: marked(n.name, open),
        kind: n.kind,
        ...(n.namespace ? { parent: namespaceBoxId(n.namespace) } : {}),
        unprotected: unprotectedOf(n),
        // Blast radius mode draws reach (hop rings, ★ crown jewels) over isolation: its label is the blast label's own.
        blastLabel: hop === undefined || !overlay ? marked(n.name, open) : blastNodeLabel(n.name, hop, overlay.direction, reachedById.get(n.id)),
      },
      classes: nodeClasses(n.id, []),
    });
  }
  for (const c of graph.collapsed) {
    drawn.add(c.id);
    const open = c.unprotected.ingress > 0 || c.unprotected.egress > 0;
    const label = `${marked(c.namespace, open)}\n${c.workloads} workload${c.workloads === 1 ? '' : 's'}`;
    // A collapsed namespace takes the nearest hop of the workloads it hides, so reach stays visible when folded.
    let nearest: number | undefined;
    for (const [id, hop] of hopOf) if (id.startsWith(`${c.namespace}/`) && (nearest === undefined || hop < nearest)) nearest = hop;
    const blastLabel = nearest === undefined ? label : `${label}\nnearest hop ${nearest}`;
    out.push({
      group: 'nodes',
      data: { ...base, id: c.id, label, kind: 'collapsed', blastLabel, unprotected: open ? 'both' : 'none' },
      classes: !overlay ? '' : nearest === undefined ? 'dimmed' : `hop-${Math.min(nearest, 3)}`,
    });
  }
  for (const e of graph.edges) {
    if (!drawn.has(e.source) || !drawn.has(e.destination)) continue;
    out.push({
      group: 'edges',
      data: { ...base, id: e.id, source: e.source, target: e.destination, label: `${e.port}/${e.protocol}`, portLabel: `${e.port}/${e.protocol}${e.appProtocol ? ` ${e.appProtocol}` : ''}`, kind: edgeKindOf(e), width: e.class === 'unused' ? 1.25 : 2.5 },
      classes: edgeClasses(e.source, e.destination, []),
    });
  }
  for (const e of graph.summaryEdges) {
    if (!drawn.has(e.source) || !drawn.has(e.destination)) continue;
    const parts = SUMMARY_KINDS.filter((k) => e.counts[k]).map((k) => `${e.counts[k]} ${k}`);
    out.push({
      group: 'edges',
      data: { ...base, id: summaryElementId(e), source: e.source, target: e.destination, label: parts.join(', '), portLabel: parts.join(', '), kind: summaryKind(e), width: Math.min(8, 1.5 + Math.log2(1 + summaryTotal(e))) },
      classes: edgeClasses(e.source, e.destination, ['summary']),
    });
  }
  // The path to the target may use grants that are not drawn (default-allow is a badge, not an edge): overlay it.
  pathHops.forEach((h, i) => {
    if (!drawn.has(h.from) || !drawn.has(h.to)) return;
    // L7 restrictions are listed in the side panel: on the canvas they would cover the graph.
    const label = `${i + 1}: ${h.port}/${h.protocol}${h.restrictions?.length ? ' (L7-restricted)' : ''}`;
    out.push({ group: 'edges', data: { ...base, id: `path:${i}:${h.from}|${h.to}|${h.port}`, source: h.from, target: h.to, label, portLabel: label, kind: 'path', width: 5 }, classes: 'path' });
  });
  return out;
}
