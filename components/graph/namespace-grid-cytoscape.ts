import cytoscape from 'cytoscape';
import { namespaceGridLayout, type LayoutEdge, type LayoutNode, type Positions } from './namespace-grid-layout';

/**
 * namespace-grid-layout.ts as a Cytoscape layout (`cy.layout({ name: 'namespace-grid' })`), so it runs, emits
 * layoutstart/layoutstop and fits like the built-in ones. Extension contract: https://js.cytoscape.org/#extensions/layout-extensions
 * (the built-in `preset` layout, which this mirrors, applies positions with `nodes.layoutPositions`).
 *
 * Workloads belong to a namespace through `parent` (a compound box) or `frame` (a plain node drawn behind them,
 * see `flattenNamespaces` in cytoscape-graph.tsx): frames are placed and sized (`frameWidth`/`frameHeight`) here.
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

function NamespaceGridLayout(this: { options: Options }, options: Options) {
  this.options = { fit: true, padding: 30, ...options };
}

NamespaceGridLayout.prototype.run = function run(this: { options: Options }) {
  const { cy, eles, positions: kept = {} } = this.options;
  const nodes: LayoutNode[] = eles.nodes().map((n) => ({ id: n.id(), parent: (n.data('parent') ?? n.data('frame')) as string | undefined, label: String(n.data('label') ?? ''), kind: String(n.data('kind') ?? '') }));
  const edges: LayoutEdge[] = eles.edges().map((e) => ({ source: e.source().id(), target: e.target().id() }));
  const { positions, frames } = namespaceGridLayout(nodes, edges, cy.width() > 0 && cy.height() > 0 ? cy.width() / cy.height() : undefined);
  cy.batch(() => {
    for (const [id, f] of Object.entries(frames)) {
      const frame = cy.getElementById(id);
      if (!frame.isParent()) frame.data({ frameWidth: f.width, frameHeight: f.height });
    }
  });
  // @types/cytoscape types the first argument as a string; Cytoscape wants the layout, which emits the events.
  const all = eles.nodes() as unknown as { layoutPositions(layout: unknown, options: Options, fn: (node: cytoscape.NodeSingular) => cytoscape.Position): void };
  all.layoutPositions(this, this.options, (node) => kept[node.id()] ?? positions[node.id()] ?? frames[node.id()] ?? node.position());
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
