import type { ClassifiedEdge, ClassifiedGraph } from '../graph';
import { escapeHtml } from './html';

export interface LaidOutNode {
  id: string;
  label: string;
  layer: number;
  x: number;
  y: number;
}

const COLORS = { allowed: '#15803d', denied: '#dc2626', unprotected: '#ea580c', unused: '#9ca3af' } as const;
const LAYER_GAP = 230;
const ROW_GAP = 56;
const MARGIN = 40;
const NODE_W = 180;
const NODE_H = 30;

export const colorOf = (e: Pick<ClassifiedEdge, 'class' | 'state'>): string => (e.class === 'unauthorized' ? COLORS[e.state === 'unprotected' ? 'unprotected' : 'denied'] : COLORS[e.class]);

/**
 * A simple layered layout: callers left of callees. Layers are longest paths from nodes without callers,
 * on the graph with back edges (found by depth-first search) ignored, so cycles still get a layering.
 */
export function layoutLayers(nodeIds: readonly string[], edges: readonly { source: string; destination: string }[]): LaidOutNode[] {
  const ids = [...nodeIds].sort();
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) if (out.has(e.source) && out.has(e.destination) && e.source !== e.destination) out.get(e.source)!.push(e.destination);
  for (const list of out.values()) list.sort();
  // DFS: drop edges into a node on the current stack (back edges) to make the graph acyclic.
  const state = new Map<string, 1 | 2>();
  const dag = new Map<string, string[]>(ids.map((id) => [id, []]));
  const visit = (n: string) => {
    state.set(n, 1);
    for (const m of out.get(n)!) {
      if (state.get(m) === 1) continue;
      dag.get(n)!.push(m);
      if (!state.has(m)) visit(m);
    }
    state.set(n, 2);
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  // Longest path by relaxation in topological order (reverse post-order of a DFS on the DAG).
  const order: string[] = [];
  const done = new Set<string>();
  const post = (n: string) => {
    done.add(n);
    for (const m of dag.get(n)!) if (!done.has(m)) post(m);
    order.push(n);
  };
  for (const id of ids) if (!done.has(id)) post(id);
  for (const n of order.reverse()) for (const m of dag.get(n)!) layer.set(m, Math.max(layer.get(m)!, layer.get(n)! + 1));
  const rows = new Map<number, string[]>();
  for (const id of ids) rows.set(layer.get(id)!, [...(rows.get(layer.get(id)!) ?? []), id]);
  // Fewer crossings: order each layer by the mean row of its callers (barycenter heuristic, one sweep).
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [n, list] of dag) for (const m of list) preds.get(m)!.push(n);
  const row = new Map<string, number>();
  const nodes: LaidOutNode[] = [];
  for (const l of [...rows.keys()].sort((a, b) => a - b)) {
    const members = rows.get(l)!;
    const centre = (id: string) => {
      const ps = preds.get(id)!.filter((p) => row.has(p));
      return ps.length ? ps.reduce((sum, p) => sum + row.get(p)!, 0) / ps.length : Number.POSITIVE_INFINITY;
    };
    members.sort((a, b) => centre(a) - centre(b) || a.localeCompare(b));
    members.forEach((id, i) => {
      row.set(id, i);
      nodes.push({ id, label: id, layer: l, x: MARGIN + l * LAYER_GAP, y: MARGIN + i * ROW_GAP });
    });
  }
  return nodes.sort((a, b) => a.layer - b.layer || a.y - b.y);
}

/** The classified graph (application edges; infrastructure left out) as a standalone SVG image. */
export function renderGraphSvg(graph: ClassifiedGraph): string {
  const edges = graph.edges.filter((e) => e.infra === null);
  const ids = [...new Set(edges.flatMap((e) => [e.source, e.destination]))];
  const nodes = layoutLayers(ids, edges);
  const at = new Map(nodes.map((n) => [n.id, n]));
  const width = Math.max(...nodes.map((n) => n.x + NODE_W), 300) + MARGIN;
  const height = Math.max(...nodes.map((n) => n.y + NODE_H), 100) + MARGIN + 30;
  const lines = edges.map((e) => {
    const a = at.get(e.source)!;
    const b = at.get(e.destination)!;
    const color = colorOf(e);
    const back = b.x <= a.x;
    const x1 = back ? a.x : a.x + NODE_W;
    const x2 = back ? b.x + NODE_W : b.x;
    const marker = e.class === 'unauthorized' ? (e.state === 'unprotected' ? 'unprotected' : 'denied') : e.class;
    return `<line x1="${x1}" y1="${a.y + NODE_H / 2}" x2="${x2}" y2="${b.y + NODE_H / 2}" stroke="${color}" stroke-width="1.6"${e.class === 'unused' ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow-${marker})"><title>${escapeHtml(`${e.source} -> ${e.destination} :${e.port}/${e.protocol} (${e.class}${e.state ? `, ${e.state}` : ''})`)}</title></line>`;
  });
  const boxes = nodes.map((n) => {
    const label = n.label.length > 26 ? `${n.label.slice(0, 25)}…` : n.label;
    return `<g><rect x="${n.x}" y="${n.y}" width="${NODE_W}" height="${NODE_H}" rx="6" fill="#f8fafc" stroke="#334155"/><text x="${n.x + 8}" y="${n.y + 19}" font-size="11" font-family="ui-monospace, monospace" fill="#0f172a">${escapeHtml(label)}</text><title>${escapeHtml(n.id)}</title></g>`;
  });
  const markers = Object.entries(COLORS)
    .map(([k, c]) => `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`)
    .join('');
  const legend = Object.entries(COLORS)
    .map(([k, c], i) => `<g><line x1="${MARGIN + i * 130}" y1="${height - 18}" x2="${MARGIN + i * 130 + 24}" y2="${height - 18}" stroke="${c}" stroke-width="2"/><text x="${MARGIN + i * 130 + 30}" y="${height - 14}" font-size="11" font-family="sans-serif">${k}</text></g>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Classified east-west graph" data-testid="report-graph" width="${width}" height="${height}" style="max-width:100%;height:auto" viewBox="0 0 ${width} ${height}"><defs>${markers}</defs>${lines.join('')}${boxes.join('')}${legend}</svg>`;
}
