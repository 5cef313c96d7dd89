'use client';

import cytoscape, { type Core, type EventObject, type LayoutOptions } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';
import { graphStyleFor, type GraphLook } from './graph-style';
import { registerNamespaceGrid } from './namespace-grid-cytoscape';
import { loadPositions, savePositions, type Positions } from './positions-cache';
import { withSeededRandom } from '@/lib/util/seeded-random';
import type { Element } from './to-elements';

// Register the layout once per page load (cytoscape.use throws on a second registration in dev fast refresh).
let fcoseRegistered = false;
function registerFcose() {
  if (fcoseRegistered) return;
  cytoscape.use(fcose);
  fcoseRegistered = true;
}

/** fcose tuned for service graphs: room for labels, compound namespaces packed, deterministic enough. */
const FCOSE = {
  name: 'fcose',
  quality: 'proof',
  randomize: true,
  animate: false,
  fit: true,
  padding: 40,
  nodeDimensionsIncludeLabels: true,
  // Edges across namespaces are kept short, or the compound boxes drift apart and the fit shrinks every label.
  idealEdgeLength: (edge: cytoscape.EdgeSingular) => (edge.source().data('parent') === edge.target().data('parent') ? 110 : 40),
  nodeRepulsion: () => 30000,
  nodeSeparation: 120,
  edgeElasticity: () => 0.35,
  nestingFactor: 0.1,
  gravity: 0.4,
  gravityCompound: 1.2,
  gravityRangeCompound: 1.2,
  numIter: 3000,
  packComponents: true,
  tile: true,
};

const MIN_ZOOM = 0.15;

export interface GraphSelectEvent {
  kind: 'node' | 'edge';
  id: string;
}

export interface CytoscapeGraphProps {
  snapshotId: string;
  elements: Element[];
  selectedId?: string;
  onSelect(selection: GraphSelectEvent | null): void;
  /** Double-click on a collapsed namespace. */
  onExpand?(namespace: string): void;
  /** Bumped by the parent to force a fresh layout ("Re-layout" button). */
  layoutNonce?: number;
}

/**
 * Cytoscape outside React state (Kiali's CytoscapeReactWrapper pattern): `cy` is created once in a ref'd div
 * and destroyed on unmount; element changes are patched by id inside `cy.batch()`; the layout runs only when
 * the set of node ids changes; highlighting is classes.
 */
export function CytoscapeGraph({ snapshotId, elements, selectedId, onSelect, onExpand, layoutNonce = 0 }: CytoscapeGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const layoutKey = useRef<string>('');
  const laidOutNonce = useRef(0);
  const handlers = useRef({ onSelect, onExpand });
  useEffect(() => {
    handlers.current = { onSelect, onExpand };
  });

  useEffect(() => {
    registerFcose();
    registerNamespaceGrid();
    const cy = cytoscape({
      container: container.current,
      style: graphStyleFor('detail'),
      elements: [],
      autounselectify: true,
      boxSelectionEnabled: false,
      minZoom: MIN_ZOOM,
      maxZoom: 3,
    });
    cyRef.current = cy;
    redrawOnlyOnRealResize(cy);
    // A test and debugging hook: Playwright reads rendered positions to click edges on the canvas.
    (window as unknown as { __eastwestCy?: Core }).__eastwestCy = cy;
    cy.on('tap', (e: EventObject) => {
      if (e.target === cy) handlers.current.onSelect(null);
    });
    cy.on('tap', 'node, edge', (e: EventObject) => {
      const t = e.target as cytoscape.SingularElementArgument;
      if (t.isEdge() && t.data('kind') === 'path') return;
      handlers.current.onSelect({ kind: t.isNode() ? 'node' : 'edge', id: t.id() });
    });
    cy.on('dbltap', 'node[kind = "collapsed"]', (e: EventObject) => {
      handlers.current.onExpand?.(String(e.target.id()).replace(/^ns:/, ''));
    });
    cy.on('mouseover', 'node, edge', (e: EventObject) => e.target.addClass('hover'));
    cy.on('mouseout', 'node, edge', (e: EventObject) => e.target.removeClass('hover'));
    cy.on('dragfree', 'node', () => savePositions(snapshotId, positionsOf(cy)));
    cy.on('zoom', () => applyLook(cy, lookFor(cy)));
    return () => {
      cy.destroy();
      cyRef.current = null;
      layoutKey.current = '';
      laidOutNonce.current = 0;
      const w = window as unknown as { __eastwestCy?: Core };
      if (w.__eastwestCy === cy) delete w.__eastwestCy;
    };
  }, [snapshotId]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const key = elements
      .filter((e) => e.group === 'nodes')
      .map((e) => e.data.id)
      .sort()
      .join('\n');
    const force = `${key}#${layoutNonce}`;
    const large = elements.filter((e) => e.group === 'nodes' && e.data.kind !== 'namespace').length > LARGE_VIEW_NODES;
    if (cy.scratch(LARGE_KEY) !== large && cy.elements().nonempty()) {
      // Compound and flat namespaces cannot be patched into each other (Cytoscape keeps `parent` fixed): start over.
      cy.elements().remove();
      layoutKey.current = '';
    }
    const relayout = force !== layoutKey.current;
    cy.scratch(LARGE_KEY, large);
    cy.minZoom(large ? 0.02 : MIN_ZOOM);
    // The look is set before the patch, so thousands of new elements are styled once: a large view about to be
    // fitted starts far out (the layout's end corrects it when the fitted zoom is closer).
    applyLook(cy, large && relayout ? 'overview-far' : lookFor(cy));
    patchElements(cy, large ? flattenNamespaces(elements) : elements);
    if (!relayout) return;
    layoutKey.current = force;
    // Only the run asked for by "Re-layout" ignores the cached positions; later id changes use them again.
    const fresh = layoutNonce !== laidOutNonce.current;
    laidOutNonce.current = layoutNonce;
    runLayout(cy, snapshotId, fresh);
  }, [elements, snapshotId, layoutNonce]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements('.selected-el').removeClass('selected-el');
      if (selectedId) cy.getElementById(selectedId).addClass('selected-el');
    });
  }, [selectedId, elements]);

  return <div ref={container} data-testid="graph-canvas" className="h-full w-full" aria-label="Call graph" role="img" />;
}

/**
 * Cytoscape calls `cy.resize()` from a ResizeObserver and a MutationObserver on its container, and each call
 * redraws every element. The observer's first callback comes right after the first frame, with the size the
 * canvas already has: on 2,000 workloads that was a second full redraw of about 0.4 s straight after the first
 * (bench/graph-render.bench.ts). Only a changed size (or an explicit call with no container) goes through.
 */
function redrawOnlyOnRealResize(cy: Core) {
  const resize = cy.resize.bind(cy);
  const sizeOf = (el: HTMLElement | null) => (el ? `${el.clientWidth}x${el.clientHeight}` : '');
  // Cytoscape measured the container when it was created.
  let last = sizeOf(cy.container());
  cy.resize = () => {
    const size = sizeOf(cy.container());
    if (size && size === last) return cy;
    last = size;
    return resize();
  };
}

function patchElements(cy: Core, elements: Element[]) {
  const want = new Map(elements.map((e) => [e.data.id, e]));
  cy.batch(() => {
    cy.edges().forEach((e) => {
      if (!want.has(e.id())) e.remove();
    });
    cy.nodes().forEach((n) => {
      if (n.inside() && !want.has(n.id())) n.remove();
    });
    const toAdd: cytoscape.ElementDefinition[] = [];
    for (const el of elements) {
      const existing = cy.getElementById(el.data.id);
      if (existing.nonempty()) {
        // id, parent and the edge ends are structural: Cytoscape ignores (and warns about) changing them via data().
        const rest: Partial<Element['data']> & { frameWidth?: number; frameHeight?: number } = { ...el.data };
        // A frame's size belongs to the layout that placed it.
        delete rest.frameWidth;
        delete rest.frameHeight;
        delete rest.id;
        delete rest.parent;
        delete rest.source;
        delete rest.target;
        existing.data(rest);
        existing.classes(el.classes);
      } else {
        toAdd.push({ group: el.group, data: { ...el.data }, classes: el.classes, ...(isFrame(el) ? { grabbable: false } : {}) });
      }
    }
    if (toAdd.length) cy.add(toAdd);
  });
}

/**
 * Large views draw each namespace box as a plain node behind its workloads (`frame`, placed and sized by the
 * namespace-grid layout) instead of a compound parent: with compound nodes Cytoscape re-walks every namespace's
 * descendants and their edges for each style property it applies, which doubled the time to first paint of 2,000
 * workloads (bench/graph-render.bench.ts). A frame does not follow dragged workloads, so it cannot be dragged itself.
 */
function flattenNamespaces(elements: Element[]): Element[] {
  return elements.map((el) => {
    if (el.data.kind === 'namespace') return { ...el, data: { ...el.data, frameWidth: 1, frameHeight: 1 } as Element['data'] };
    if (el.data.parent === undefined) return el;
    const { parent, ...data } = el.data;
    return { ...el, data: { ...data, frame: parent } as Element['data'] };
  });
}

const isFrame = (el: Element): boolean => el.data.kind === 'namespace' && (el.data as { frameWidth?: number }).frameWidth !== undefined;

function positionsOf(cy: Core): Positions {
  const out: Positions = {};
  cy.nodes().forEach((n) => {
    if (n.isParent() || n.data('kind') === 'namespace') return;
    const p = n.position();
    out[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
  });
  return out;
}

/**
 * Above this many nodes a view gets the namespace grid layout and the overview look (graph-style.ts): fcose's
 * force-directed phase is quadratic per iteration (`proof` on 2,000 nodes: 38 s, its spectral `draft` alone 3.4 s in
 * bench/graph-render.bench.ts), and a force layout of thousands of workloads is a hairball anyway.
 */
const LARGE_VIEW_NODES = 500;

function layoutFor(nodes: number): LayoutOptions {
  if (nodes > 300) return { ...FCOSE, quality: 'default', numIter: 500 } as LayoutOptions;
  return FCOSE as LayoutOptions;
}

const LARGE_KEY = 'eastwest:large';
const LOOK_KEY = 'eastwest:look';
/** Below this zoom a large view's arrowheads are under 10 px: drawn without them (graph-style.ts). */
const FAR_ZOOM = 0.3;

const lookFor = (cy: Core): GraphLook => (!cy.scratch(LARGE_KEY) ? 'detail' : cy.zoom() < FAR_ZOOM ? 'overview-far' : 'overview');

/** A whole-stylesheet switch, only when the look changes (zooming across FAR_ZOOM): classes stay as they are. */
function applyLook(cy: Core, look: GraphLook) {
  if (cy.scratch(LOOK_KEY) === look) return;
  cy.scratch(LOOK_KEY, look);
  cy.style(graphStyleFor(look));
}

function runLayout(cy: Core, snapshotId: string, fresh: boolean) {
  const leaves = cy.nodes().filter((n) => !n.isParent() && n.data('kind') !== 'namespace').map((n) => n.id());
  if (!leaves.length) return;
  const cached = fresh ? {} : loadPositions(snapshotId);
  if (cy.scratch(LARGE_KEY)) {
    // The grid is fast and deterministic: always run it (it places and sizes the namespace frames), keeping dragged nodes.
    const grid = cy.layout({ name: 'namespace-grid', fit: true, padding: 40, positions: cached } as LayoutOptions);
    grid.one('layoutstop', () => applyLook(cy, lookFor(cy)));
    grid.run();
    return;
  }
  if (leaves.every((id) => cached[id] !== undefined)) {
    const preset = cy.layout({ name: 'preset', positions: cached, fit: true, padding: 40 } as LayoutOptions);
    preset.one('layoutstop', () => applyLook(cy, lookFor(cy)));
    preset.run();
    return;
  }
  const layout = cy.layout(layoutFor(leaves.length));
  layout.one('layoutstop', () => {
    applyLook(cy, lookFor(cy));
    savePositions(snapshotId, positionsOf(cy));
  });
  // Seeded by the view (snapshot and node set): everyone opening the same link sees the same drawing.
  withSeededRandom(`${snapshotId}\n${[...leaves].sort().join('\n')}`, () => layout.run());
}
