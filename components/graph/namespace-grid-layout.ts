/**
 * A deterministic, near-linear layout for large views, where fcose's force-directed phase costs seconds
 * (bench/graph-render.bench.ts): each namespace's workloads on a grid inside its box, filled from the centre
 * outwards in a breadth-first walk from the busiest workload (callers sit next to their callees); namespace boxes
 * in rows, connected namespaces one after the other from the middle outwards (so they sit side by side).
 * Pure math on ids and labels; namespace-grid-cytoscape.ts applies it to a Cytoscape graph.
 */

export interface LayoutNode {
  id: string;
  /** The namespace box holding it (compound parent or frame); unset for nodes outside any namespace. */
  parent?: string;
  label: string;
  /** `collapsed` nodes are large boxes with the label inside; every other leaf is a small shape labelled below. */
  kind: string;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

export type Positions = Record<string, { x: number; y: number }>;

/** A namespace box: centre and size, its title above `y - height / 2`. */
export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A rectangle in model coordinates (Cytoscape's bounding-box shape). */
export interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GridLayout {
  /** Leaf positions, keyed by node id. */
  positions: Positions;
  /** The box around each namespace's workloads, keyed by the box's node id. */
  frames: Record<string, Frame>;
  /** Everything drawn: boxes (with their padding), titles, workloads and their labels; undefined without nodes. */
  bounds?: Bounds;
}

/** Sizes from graph-style.ts: 34 px nodes, 15 px labels wrapped at 180 px, 18 px box padding, box label on top. */
const NODE = 34;
const CHAR_WIDTH = 8.5;
const LABEL_MAX_WIDTH = 180;
const LINE_HEIGHT = 19;
const COLLAPSED = { width: 120, height: 48 };
const CELL_GAP = { x: 28, y: 30 };
const BOX_PADDING = 18;
/** The overview look's namespace titles (graph-style.ts: 72 px, above the box): readable when zoomed out. */
const TITLE = { charWidth: 72 * 0.62, height: 96 };
const BLOCK_GAP = 60;

interface Block {
  key: string;
  ids: string[];
  cell: { w: number; h: number };
  cols: number;
  rows: number;
  width: number;
  height: number;
}

const OUTSIDE = '';

/** `aspect`: width / height of the canvas, which the rows of boxes are filled to match. */
export function namespaceGridLayout(nodes: LayoutNode[], edges: LayoutEdge[], aspect = 1.5): GridLayout {
  const parents = new Set(nodes.map((n) => n.parent).filter((p): p is string => !!p));
  const leaves = nodes.filter((n) => !parents.has(n.id));
  const groupOf = new Map(leaves.map((n) => [n.id, n.parent ?? OUTSIDE]));
  const byGroup = new Map<string, LayoutNode[]>();
  for (const n of leaves) {
    const g = groupOf.get(n.id)!;
    const list = byGroup.get(g);
    if (list) list.push(n);
    else byGroup.set(g, [n]);
  }

  const degree = new Map<string, number>();
  const inner = new Map<string, string[]>();
  const between = new Map<string, Map<string, number>>();
  for (const e of edges) {
    const gs = groupOf.get(e.source);
    const gt = groupOf.get(e.target);
    if (gs === undefined || gt === undefined || e.source === e.target) continue;
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    if (gs === gt) {
      pushTo(inner, e.source, e.target);
      pushTo(inner, e.target, e.source);
    } else {
      addWeight(between, gs, gt);
      addWeight(between, gt, gs);
    }
  }

  const blocks = new Map<string, Block>();
  for (const [key, members] of byGroup) blocks.set(key, blockOf(key, walkOrder(members, inner, degree), members));
  const order = groupOrder([...blocks.values()], between);
  return place(order, blocks, aspect);
}

function pushTo(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addWeight(map: Map<string, Map<string, number>>, from: string, to: string) {
  let row = map.get(from);
  if (!row) map.set(from, (row = new Map()));
  row.set(to, (row.get(to) ?? 0) + 1);
}

const byDegreeThenId = (degree: Map<string, number>) => (a: string, b: string) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);

/** Breadth-first from the busiest unvisited node, neighbours busiest first: neighbours land in nearby cells. */
function walkOrder(members: LayoutNode[], inner: Map<string, string[]>, degree: Map<string, number>): string[] {
  const cmp = byDegreeThenId(degree);
  const seeds = members.map((n) => n.id).sort(cmp);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const seed of seeds) {
    if (seen.has(seed)) continue;
    seen.add(seed);
    const queue = [seed];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      out.push(id);
      const next = (inner.get(id) ?? []).filter((n) => !seen.has(n)).sort(cmp);
      for (const n of next) {
        if (seen.has(n)) continue; // parallel edges list a neighbour twice
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return out;
}

function labelLines(label: string): { width: number; lines: number } {
  let width = 0;
  let lines = 0;
  for (const line of label.split('\n')) {
    const w = line.length * CHAR_WIDTH;
    width = Math.max(width, Math.min(w, LABEL_MAX_WIDTH));
    lines += Math.max(1, Math.ceil(w / LABEL_MAX_WIDTH));
  }
  return { width, lines };
}

/** One namespace (or the nodes outside any): a grid about as wide as it is tall on screen. */
function blockOf(key: string, ids: string[], members: LayoutNode[]): Block {
  let w = NODE;
  let h = NODE;
  for (const n of members) {
    if (n.kind === 'collapsed') {
      w = Math.max(w, COLLAPSED.width);
      h = Math.max(h, COLLAPSED.height);
    } else {
      const label = labelLines(n.label);
      w = Math.max(w, label.width);
      h = Math.max(h, NODE + 4 + label.lines * LINE_HEIGHT);
    }
  }
  const cell = { w: w + CELL_GAP.x, h: h + CELL_GAP.y };
  const cols = Math.max(1, Math.ceil(Math.sqrt((ids.length * cell.h) / cell.w)));
  const rows = Math.ceil(ids.length / cols);
  if (key === OUTSIDE) return { key, ids, cell, cols, rows, width: cols * cell.w, height: rows * cell.h };
  // The title (the box node's label, without its `nsbox:` prefix) must fit above the box, or neighbours' titles collide.
  const title = key.replace(/^[^:]*:/, '').length * TITLE.charWidth;
  return { key, ids, cell, cols, rows, width: Math.max(cols * cell.w + 2 * BOX_PADDING, title), height: rows * cell.h + 2 * BOX_PADDING + TITLE.height };
}

/**
 * Greedy chain: start with the namespace that has the most cross-namespace edges, then always take the one most
 * connected to those already placed (ties: more nodes, then name), so talking namespaces end up neighbours.
 */
function groupOrder(blocks: Block[], between: Map<string, Map<string, number>>): Block[] {
  const total = (b: Block) => [...(between.get(b.key)?.values() ?? [])].reduce((s, x) => s + x, 0);
  const rank = (a: Block, b: Block, score: (x: Block) => number) => score(b) - score(a) || b.ids.length - a.ids.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const left = [...blocks].sort((a, b) => rank(a, b, total));
  const pull = new Map<string, number>();
  const out: Block[] = [];
  while (left.length) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (rank(left[i]!, left[best]!, (x) => pull.get(x.key) ?? 0) < 0) best = i;
    const [next] = left.splice(best, 1);
    out.push(next!);
    for (const [other, w] of between.get(next!.key) ?? []) pull.set(other, (pull.get(other) ?? 0) + w);
  }
  return out;
}

/**
 * Rows of blocks filled to the canvas's shape. The chain is laid out from the centre outwards (first row in the
 * middle, the next below, then above; in a row the first block in the middle, the next right, then left), so the
 * most connected namespace, often a hub like kube-system, sits in the middle with its neighbours around it.
 */
function place(order: Block[], blocks: Map<string, Block>, aspect: number): GridLayout {
  const area = order.reduce((s, b) => s + (b.width + BLOCK_GAP) * (b.height + BLOCK_GAP), 0);
  const widest = Math.max(...order.map((b) => b.width + BLOCK_GAP));
  const rowWidth = Math.max(widest, Math.sqrt(area * aspect));
  const rows: Block[][] = [];
  let row: Block[] = [];
  let width = 0;
  for (const b of order) {
    if (row.length && width + b.width + BLOCK_GAP > rowWidth) {
      rows.push(row);
      row = [];
      width = 0;
    }
    row.push(b);
    width += b.width + BLOCK_GAP;
  }
  if (row.length) rows.push(row);

  const out: GridLayout = { positions: {}, frames: {} };
  let y = 0;
  for (const r of centreOut(rows)) {
    const used = r.reduce((s, b) => s + b.width + BLOCK_GAP, 0);
    let x = (rowWidth - used) / 2;
    for (const b of centreOut(r)) {
      placeBlock(blocks.get(b.key)!, x, y, out);
      // A box is drawn BOX_PADDING beyond its frame (graph-style.ts `padding`); its title stays inside the block.
      const grow = b.key === OUTSIDE ? 0 : BOX_PADDING;
      const around = { x1: x - grow, y1: y - grow, x2: x + b.width + grow, y2: y + b.height + grow };
      out.bounds = out.bounds ? { x1: Math.min(out.bounds.x1, around.x1), y1: Math.min(out.bounds.y1, around.y1), x2: Math.max(out.bounds.x2, around.x2), y2: Math.max(out.bounds.y2, around.y2) } : around;
      x += b.width + BLOCK_GAP;
    }
    y += Math.max(...r.map((b) => b.height)) + BLOCK_GAP;
  }
  return out;
}

/** [a, b, c, d, e] → [e, c, a, b, d]: the first in the middle, then alternately after and before it. */
function centreOut<T>(items: T[]): T[] {
  const out: T[] = [];
  items.forEach((item, i) => (i % 2 === 1 ? out.push(item) : out.unshift(item)));
  return out;
}

function placeBlock(b: Block, x0: number, y0: number, out: GridLayout) {
  const inset = b.key === OUTSIDE ? 0 : BOX_PADDING;
  const top = y0 + inset + (b.key === OUTSIDE ? 0 : TITLE.height);
  // Centred: a long title can make the box wider than its grid.
  const left = x0 + (b.width - b.cols * b.cell.w) / 2;
  spiral(b).forEach(({ c, r }, i) => {
    out.positions[b.ids[i]!] = { x: Math.round(left + (c + 0.5) * b.cell.w), y: Math.round(top + (r + 0.5) * b.cell.h) };
  });
  if (b.key !== OUTSIDE) out.frames[b.key] = { x: Math.round(x0 + b.width / 2), y: Math.round(y0 + TITLE.height + (b.height - TITLE.height) / 2), width: Math.round(b.width), height: Math.round(b.height - TITLE.height) };
}

/**
 * The block's cells from its centre outwards, ring by ring (on-screen distance, then angle): the walk's first,
 * busiest node sits in the middle with its neighbours around it, the way a concentric layout places them.
 */
function spiral(b: Block): { c: number; r: number }[] {
  const cx = (b.cols - 1) / 2;
  const cy = (b.rows - 1) / 2;
  const cells: { c: number; r: number; d: number; a: number }[] = [];
  for (let r = 0; r < b.rows; r++)
    for (let c = 0; c < b.cols; c++) {
      const dx = (c - cx) * b.cell.w;
      const dy = (r - cy) * b.cell.h;
      cells.push({ c, r, d: Math.round(Math.hypot(dx, dy)), a: Math.atan2(dy, dx) });
    }
  return cells.sort((p, q) => p.d - q.d || p.a - q.a).slice(0, b.ids.length);
}
