import cytoscape from 'cytoscape';
import { namespaceGridLayout, type LayoutEdge, type LayoutNode, type Positions } from './namespace-grid-layout';
import { boundsWith, fitViewport } from './namespace-grid-viewport';

/**
 * namespace-grid-layout.ts as a Cytoscape layout (`cy.layout({ name: 'namespace-grid' })`), so it runs and emits
 * layoutstart/layoutready/layoutstop like the built-in ones. Extension contract: https://js.cytoscape.org/#extensions/layout-extensions
 *
 * Workloads belong to a namespace through `parent` (a compound box) or `frame` (a plain node drawn behind them,
 * see `flattenNamespaces` in cytoscape-graph.tsx): frames are placed and sized (`frameWidth`/`frameHeight`) here.
 *
 * Unlike the built-in `preset` (`nodes.layoutPositions`), positions are set in one batch and the fit is computed
 * from the layout's own extent (namespace-grid-viewport.ts) instead of `cy.fit()`, which measures every node and
 * edge: on 2,000 nodes and 10,000 edges that took 1.4 s of the time to first render (bench/graph-render.bench.ts).
 */
interface Options {
  /** Both set by `cy.layout()`. */
  cy: cytoscape.Core;
  eles: cytoscape.Collection;
  fit?: boolean;
  padding?: number;
  /** Positions kept from an earlier visit (dragged nodes): they win over the computed ones. */
  positions?: Positions;
}

interface Layout {
  options: Options;
  emit(type: string): void;
}

function NamespaceGridLayout(this: Layout, options: Options) {
  this.options = { fit: true, padding: 30, ...options };
}

NamespaceGridLayout.prototype.run = function run(this: Layout) {
  const { cy, eles, fit, padding = 30, positions: kept = {} } = this.options;
  const all = eles.nodes();
  const nodes: LayoutNode[] = all.map((n) => ({ id: n.id(), parent: (n.data('parent') ?? n.data('frame')) as string | undefined, label: String(n.data('label') ?? ''), kind: String(n.data('kind') ?? '') }));
  const edges: LayoutEdge[] = eles.edges().map((e) => ({ source: e.source().id(), target: e.target().id() }));
  const { positions, frames, bounds } = namespaceGridLayout(nodes, edges, cy.width() > 0 && cy.height() > 0 ? cy.width() / cy.height() : undefined);
  this.emit('layoutstart');
  // Compound parents follow their children, as in `layoutPositions`.
  const placed = all.filter((n) => !n.isParent());
  cy.batch(() => {
    for (const [id, f] of Object.entries(frames)) {
      const frame = cy.getElementById(id);
      if (!frame.isParent()) frame.data({ frameWidth: f.width, frameHeight: f.height });
    }
    placed.positions((node) => kept[node.id()] ?? positions[node.id()] ?? frames[node.id()] ?? node.position());
  });
  if (fit) {
    const extent = boundsWith(bounds, kept, placed.map((n) => n.id()));
    if (extent && cy.width() > 0 && cy.height() > 0) cy.viewport(fitViewport(extent, cy.width(), cy.height(), padding, { min: cy.minZoom(), max: cy.maxZoom() }));
  }
  this.emit('layoutready');
  this.emit('layoutstop');
  return this;
};

NamespaceGridLayout.prototype.stop = function stop() {
  return this;
};

// Once per page load, like fcose's registration in cytoscape-graph.tsx.
let registered = false;
export function registerNamespaceGrid(): void {
  if (registered) return;
  cytoscape('layout', 'namespace-grid', NamespaceGridLayout);
  registered = true;
}
