import type { Bounds, Positions } from './namespace-grid-layout';

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/** How far a workload and its label (below it, wrapped at 180 px) reach from its centre, generously. */
const NODE_REACH = { x: 100, above: 20, below: 80 };

/**
 * The layout's bounds grown to hold positions kept from an earlier visit (dragged nodes may lie outside the grid).
 * Undefined when there is nothing to show.
 */
export function boundsWith(bounds: Bounds | undefined, kept: Positions, ids: Iterable<string>): Bounds | undefined {
  let b = bounds ? { ...bounds } : undefined;
  for (const id of ids) {
    const p = kept[id];
    if (!p) continue;
    const around = { x1: p.x - NODE_REACH.x, y1: p.y - NODE_REACH.above, x2: p.x + NODE_REACH.x, y2: p.y + NODE_REACH.below };
    b = b ? { x1: Math.min(b.x1, around.x1), y1: Math.min(b.y1, around.y1), x2: Math.max(b.x2, around.x2), y2: Math.max(b.y2, around.y2) } : around;
  }
  return b;
}

/**
 * The zoom and pan that fit `bounds` into a `width` × `height` canvas with `padding` on every side, the way
 * `cy.fit()` computes them (https://js.cytoscape.org/#cy.fit) but from the layout's own extent: `cy.fit()` measures
 * the bounding box of every element, which on 2,000 nodes and 10,000 edges first styles all of them and took
 * over a second (bench/graph-render.bench.ts).
 */
export function fitViewport(bounds: Bounds, width: number, height: number, padding: number, zoomRange: { min: number; max: number }): Viewport {
  const w = Math.max(bounds.x2 - bounds.x1, 1);
  const h = Math.max(bounds.y2 - bounds.y1, 1);
  const fitted = Math.min((width - 2 * padding) / w, (height - 2 * padding) / h);
  const zoom = Math.min(zoomRange.max, Math.max(zoomRange.min, fitted));
  return { zoom, pan: { x: (width - zoom * (bounds.x1 + bounds.x2)) / 2, y: (height - zoom * (bounds.y1 + bounds.y2)) / 2 } };
}
