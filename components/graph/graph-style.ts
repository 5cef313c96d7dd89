import type { StylesheetJson } from 'cytoscape';
import { EDGE_LOOKS } from './edge-palette';
import { EDGE_KINDS } from './view-state';

/**
 * The Cytoscape stylesheets: visuals are mapped from `data(...)` fields (always set, see to-elements.ts) and
 * state (hover, selection, blast-radius hops) is expressed with classes, never by restyling elements in code.
 * https://js.cytoscape.org/#style
 *
 * Three looks share the rules below. Each look lists only the properties it draws: Cytoscape applies every
 * property of every matching rule to each element, and for each one it dirties the element's caches and those of
 * its connected edges, so on 12,000 elements a property nobody sees costs tens of milliseconds
 * (bench/graph-render.bench.ts). Properties equal to Cytoscape's defaults are left out for the same reason.
 */

/**
 * How a view is drawn: `detail` for views fcose lays out; views too large for it (cytoscape-graph.tsx) get the
 * `overview` look, and `overview-far` while zoomed out so far that arrows and workload labels would be specks.
 */
export type GraphLook = 'detail' | 'overview' | 'overview-far';

/** A workload's box. */
const nodeBox = { width: 34, height: 34, shape: 'round-rectangle', 'background-color': '#ffffff', 'border-width': 2, 'border-color': '#334155' } as const;

/** A workload's name under its box. */
const nodeText = {
  label: 'data(label)',
  'font-size': 15,
  'font-family': 'ui-sans-serif, system-ui, sans-serif',
  color: '#0f172a',
  'text-valign': 'bottom',
  'text-margin-y': 4,
  'text-wrap': 'wrap',
  'text-max-width': '180px',
  'text-background-color': '#ffffff',
  'text-background-opacity': 0.85,
  'text-background-padding': '1px',
} as const;

/** Shapes and fills by node kind, the unprotected badge: the same in every look. */
const nodeKinds: StylesheetJson = [
  { selector: 'node[kind = "pod"]', style: { shape: 'ellipse' } },
  { selector: 'node[kind = "infra"]', style: { shape: 'hexagon', 'background-color': '#ede9fe', 'border-color': '#6d28d9' } },
  { selector: 'node[kind = "external"]', style: { shape: 'diamond', 'background-color': '#f1f5f9', 'border-color': '#475569', 'border-style': 'dashed' } },
  { selector: 'node[kind = "node"]', style: { shape: 'barrel', 'background-color': '#f1f5f9', 'border-color': '#475569', 'border-style': 'dashed' } },
  { selector: 'node[kind = "dangling"]', style: { shape: 'octagon', 'border-style': 'dotted', 'border-color': '#94a3b8' } },
  // Not isolated in some direction: anything may reach it (or it may reach anything) by default. Besides the colour,
  // a double border twice as wide as a workload's (visible where labels are not drawn) and the ⚠ before its name
  // (to-elements.ts), so the signal does not rest on colour alone.
  { selector: 'node[unprotected != "none"]', style: { 'border-color': '#E69F00', 'border-width': 6, 'border-style': 'double' } },
];

/**
 * Self-loops: the edges inside a collapsed namespace (its summary edge to itself) and a workload calling itself.
 * Cytoscape draws loops only as bundled `bezier` (https://js.cytoscape.org/#style/edge-line: haystack and straight
 * edges cannot loop, and warn "invalid endpoints"), so every look gives loops that curve style, whatever its
 * other edges use. Cytoscape places a loop's control points 1.4 × `control-point-step-size` from the node's centre,
 * 90° apart (`loop-sweep`) around `loop-direction`: a collapsed namespace is 120 × 48, so its loop gets a longer
 * step and a narrower sweep, or the points would fall inside the box and the loop could not be drawn. It leaves
 * the top-left corner, away from the middle of the sides where the namespace's other summary edges meet it.
 * The `:loop` selector matches loops only: the other edges get no extra property (see the comment at the top).
 */
const loops: StylesheetJson = [
  { selector: 'edge:loop', style: { 'curve-style': 'bezier' } },
  { selector: 'edge.summary:loop', style: { 'loop-direction': '-45deg', 'loop-sweep': '-70deg', 'control-point-step-size': 80, 'text-rotation': 'none', 'text-margin-x': -24, 'text-margin-y': -14 } },
];

const namespaceBox = {
  shape: 'round-rectangle',
  'background-color': '#f8fafc',
  'border-color': '#cbd5e1',
  'border-width': 1.5,
  label: 'data(label)',
  'text-valign': 'top',
  'text-margin-y': -4,
  'font-size': 15,
  'font-family': 'ui-sans-serif, system-ui, sans-serif',
  'font-weight': 'bold',
  color: '#475569',
  'text-background-opacity': 0,
  padding: '18px',
} as const;

const collapsedNamespace = {
  shape: 'round-rectangle',
  width: 120,
  height: 48,
  'background-color': '#e2e8f0',
  'border-color': '#64748b',
  'border-style': 'dashed',
  'text-valign': 'center',
  'text-margin-y': 0,
  'text-background-opacity': 0,
  'font-weight': 'bold',
} as const;

/**
 * Line colour, style and width by edge kind. The width comes from the kind (not a `data()` mapping, which
 * Cytoscape evaluates per element); summary edges scale with their count (`edge.summary` below).
 */
const edgeKindLines: StylesheetJson = EDGE_KINDS.map((kind) => {
  const look = EDGE_LOOKS[kind];
  return {
    selector: `edge[kind = "${kind}"]`,
    style: { 'line-color': look.color, width: look.width, ...(look.line === 'solid' ? {} : { 'line-style': 'dashed', 'line-dash-pattern': look.dash }) },
  };
});

/** Arrowheads by edge kind, and the mid-edge mark of the unauthorized ones (tee: denied, diamond: unprotected). */
const edgeKindArrows: StylesheetJson = EDGE_KINDS.map((kind) => {
  const look = EDGE_LOOKS[kind];
  return {
    selector: `edge[kind = "${kind}"]`,
    style: {
      'target-arrow-color': look.color,
      'target-arrow-shape': look.arrow,
      ...(look.arrowFill === 'hollow' ? { 'target-arrow-fill': 'hollow' } : {}),
      ...(kind === 'denied' ? { 'mid-target-arrow-shape': 'tee', 'mid-target-arrow-color': look.color } : {}),
      ...(kind === 'unprotected' ? { 'mid-target-arrow-shape': 'diamond', 'mid-target-arrow-color': look.color } : {}),
    },
  };
});

const edgeArrow = { 'arrow-scale': 1.1, 'target-arrow-color': '#94a3b8', 'target-arrow-shape': 'triangle' } as const;

const edgeLabelText = {
  'font-size': 13,
  'font-family': 'ui-sans-serif, system-ui, sans-serif',
  color: '#0f172a',
  'text-background-color': '#ffffff',
  'text-background-opacity': 0.9,
  'text-background-padding': '2px',
  'text-rotation': 'autorotate',
} as const;

/** Labels only where edges have labels (summaries, hover, selection, the blast path). */
const edgeLabels: StylesheetJson = [
  { selector: 'edge.summary, edge.hover, edge.selected-el, edge[kind = "path"]', style: edgeLabelText },
  { selector: 'edge.summary', style: { label: 'data(label)', width: 'data(width)', 'font-size': 9, color: '#334155' } },
  { selector: 'edge.hover, edge.selected-el', style: { label: 'data(portLabel)', 'z-index': 20 } },
];

/** Hover, selection, search hits, blast radius (hop rings, unreached dimmed, the path on top): classes, in every look. */
const stateRules: StylesheetJson = [
  { selector: 'node.hover', style: { 'overlay-color': '#2459bd', 'overlay-opacity': 0.08, 'overlay-padding': 4 } },
  { selector: 'node.selected-el', style: { 'overlay-color': '#2459bd', 'overlay-opacity': 0.18, 'overlay-padding': 6, 'border-color': '#2459bd', 'border-width': 4 } },
  { selector: 'edge.selected-el', style: { width: 5, 'overlay-color': '#2459bd', 'overlay-opacity': 0.15, 'overlay-padding': 4 } },
  { selector: 'node.search-hit', style: { 'border-color': '#2459bd', 'border-width': 4 } },
  { selector: 'node.hop-0, node.hop-1, node.hop-2, node.hop-3', style: { ...nodeText, label: 'data(blastLabel)', 'border-color': '#0f172a', 'border-width': 3, 'border-style': 'solid', 'font-weight': 'bold' } },
  { selector: 'node.hop-0[kind != "collapsed"]', style: { 'background-color': '#D55E00', shape: 'star', width: 38, height: 38 } },
  { selector: 'node.hop-0[kind = "collapsed"]', style: { 'background-color': '#D55E00' } },
  { selector: 'node.hop-1', style: { 'background-color': '#E69F00' } },
  { selector: 'node.hop-2', style: { 'background-color': '#F0E442' } },
  { selector: 'node.hop-3', style: { 'background-color': '#fdf7c3' } },
  { selector: 'node.crown', style: { 'border-color': '#7c3aed', 'border-width': 5, 'border-style': 'double' } },
  { selector: 'node.target', style: { 'overlay-color': '#CC79A7', 'overlay-opacity': 0.25, 'overlay-padding': 8 } },
  { selector: 'node.dimmed', style: { opacity: 0.25 } },
  { selector: 'node[kind = "namespace"].blast', style: { opacity: 1 } },
  { selector: 'edge.dimmed', style: { opacity: 0.12 } },
  { selector: 'edge.walked', style: { opacity: 0.9 } },
  { selector: 'edge.on-path', style: { opacity: 1, width: 4, 'z-index': 30 } },
  {
    selector: 'edge[kind = "path"]',
    style: {
      'line-color': '#CC79A7',
      'target-arrow-color': '#CC79A7',
      'target-arrow-shape': 'triangle',
      'line-style': 'solid',
      width: 5,
      opacity: 0.85,
      label: 'data(label)',
      'font-weight': 'bold',
      'z-index': 40,
      'curve-style': 'unbundled-bezier',
      'control-point-distances': [30],
      'control-point-weights': [0.5],
    },
  },
];

/** fcose views: every label, bundled bezier edges with arrowheads, compound namespace boxes. */
export const detailStyle: StylesheetJson = [
  { selector: 'node', style: { ...nodeBox, ...nodeText } },
  ...nodeKinds,
  { selector: 'node[kind = "namespace"]', style: namespaceBox },
  { selector: 'node[kind = "collapsed"]', style: collapsedNamespace },
  { selector: 'edge', style: { 'curve-style': 'bezier', 'line-color': '#94a3b8', ...edgeArrow } },
  ...edgeKindLines,
  ...edgeKindArrows,
  ...edgeLabels,
  ...loops,
  ...stateRules,
];

/**
 * Namespaces of a large view are frames: plain nodes placed and sized by the namespace-grid layout (see
 * cytoscape-graph.tsx), drawn below everything, with a title large enough to read at the fitted zoom.
 */
const namespaceFrame: StylesheetJson = [
  {
    selector: 'node[kind = "namespace"]',
    style: { ...namespaceBox, 'font-size': 72, 'min-zoomed-font-size': 0, 'text-max-width': '2000px', 'text-margin-y': -8, width: 'data(frameWidth)', height: 'data(frameHeight)', 'z-compound-depth': 'bottom' },
  },
];

/**
 * Fitted, a 2,000-workload view is drawn at about a tenth of its size, where workload and edge labels would be
 * unreadable specks that still cost paint time: they appear once zoomed in far enough to read
 * (`min-zoomed-font-size`, in on-screen pixels). Edges are straight: no bundling of parallel edges to compute.
 */
const overviewStyle: StylesheetJson = [
  { selector: 'node', style: { ...nodeBox, ...nodeText, 'min-zoomed-font-size': 9 } },
  ...nodeKinds,
  ...namespaceFrame,
  { selector: 'node[kind = "collapsed"]', style: collapsedNamespace },
  { selector: 'edge', style: { 'curve-style': 'straight', 'line-color': '#94a3b8', ...edgeArrow, 'min-zoomed-font-size': 9 } },
  ...edgeKindLines,
  ...edgeKindArrows,
  ...edgeLabels,
  ...loops,
  ...stateRules,
];

/**
 * Zoomed far out (below 0.3), no workload label reaches a readable size and 10,000 arrowheads (and the tee and
 * diamond marks mid-edge) are a few pixels each and cost more than the lines: boxes without text (Cytoscape then
 * does not measure 2,000 labels for their bounding boxes) and haystack lines, the fastest edges Cytoscape draws
 * (its default `curve-style`, https://js.cytoscape.org/#style/haystack-edges). Colour and dash still tell the
 * class; arrows and names come back when zoomed in. Collapsed namespaces keep their names.
 */
const farStyle: StylesheetJson = [
  { selector: 'node', style: nodeBox },
  ...nodeKinds,
  ...namespaceFrame,
  { selector: 'node[kind = "collapsed"]', style: { ...collapsedNamespace, label: 'data(label)', 'text-wrap': 'wrap', 'font-size': 15 } },
  { selector: 'edge', style: { 'line-color': '#94a3b8' } },
  ...edgeKindLines,
  ...edgeLabels,
  ...loops,
  ...stateRules,
];

export function graphStyleFor(look: GraphLook): StylesheetJson {
  return look === 'detail' ? detailStyle : look === 'overview' ? overviewStyle : farStyle;
}
