import type { StylesheetJson } from 'cytoscape';
import { EDGE_LOOKS } from './edge-palette';
import { EDGE_KINDS } from './view-state';

/**
 * The Cytoscape stylesheet: visuals are mapped from `data(...)` fields (always set, see to-elements.ts) and
 * state (hover, selection, blast-radius hops) is expressed with classes, never by restyling elements in code.
 * https://js.cytoscape.org/#style
 */
const edgeKindStyles: StylesheetJson = EDGE_KINDS.map((kind) => {
  const look = EDGE_LOOKS[kind];
  return {
    selector: `edge[kind = "${kind}"]`,
    style: {
      'line-color': look.color,
      'target-arrow-color': look.color,
      'line-style': look.line === 'dotted' ? 'dashed' : look.line,
      ...(look.dash.length ? { 'line-dash-pattern': look.dash } : {}),
      'target-arrow-shape': look.arrow,
      'target-arrow-fill': look.arrowFill,
      ...(kind === 'denied' ? { 'mid-target-arrow-shape': 'tee', 'mid-target-arrow-color': look.color } : {}),
      ...(kind === 'unprotected' ? { 'mid-target-arrow-shape': 'diamond', 'mid-target-arrow-color': look.color } : {}),
    },
  };
});

const edgeLabelText = {
  'font-size': 13,
  color: '#0f172a',
  'text-background-color': '#ffffff',
  'text-background-opacity': 0.9,
  'text-background-padding': '2px',
  'text-rotation': 'autorotate',
} as const;

export const graphStyle: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 15,
      'font-family': 'ui-sans-serif, system-ui, sans-serif',
      color: '#0f172a',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '180px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      width: 34,
      height: 34,
      shape: 'round-rectangle',
      'background-color': '#ffffff',
      'border-width': 2,
      'border-color': '#334155',
    },
  },
  { selector: 'node[kind = "pod"]', style: { shape: 'ellipse' } },
  { selector: 'node[kind = "infra"]', style: { shape: 'hexagon', 'background-color': '#ede9fe', 'border-color': '#6d28d9' } },
  { selector: 'node[kind = "external"]', style: { shape: 'diamond', 'background-color': '#f1f5f9', 'border-color': '#475569', 'border-style': 'dashed' } },
  { selector: 'node[kind = "node"]', style: { shape: 'barrel', 'background-color': '#f1f5f9', 'border-color': '#475569', 'border-style': 'dashed' } },
  { selector: 'node[kind = "dangling"]', style: { shape: 'octagon', 'border-style': 'dotted', 'border-color': '#94a3b8' } },
  // Not isolated in some direction: anything may reach it (or it may reach anything) by default.
  { selector: 'node[unprotected != "none"]', style: { 'border-color': '#E69F00', 'border-width': 4, 'border-style': 'double' } },
  {
    selector: 'node[kind = "namespace"]',
    style: {
      shape: 'round-rectangle',
      'background-color': '#f8fafc',
      'background-opacity': 1,
      'border-color': '#cbd5e1',
      'border-width': 1.5,
      'border-style': 'solid',
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': -4,
      'font-size': 15,
      'font-weight': 'bold',
      color: '#475569',
      'text-background-opacity': 0,
      padding: '18px',
    },
  },
  {
    selector: 'node[kind = "collapsed"]',
    style: {
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
    },
  },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'curve-style': 'bezier',
      'arrow-scale': 1.1,
      'line-color': '#94a3b8',
      'target-arrow-color': '#94a3b8',
      'target-arrow-shape': 'triangle',
    },
  },
  ...edgeKindStyles,
  // Label text only where edges have labels: Cytoscape applies every property of every matching rule to each
  // element, and 10,000 unlabelled edges paid for six text properties they never used.
  { selector: 'edge.summary, edge.hover, edge.selected-el, edge[kind = "path"]', style: edgeLabelText },
  { selector: 'edge.summary', style: { label: 'data(label)', 'font-size': 9, color: '#334155' } },
  { selector: 'edge.hover, edge.selected-el', style: { label: 'data(portLabel)', 'z-index': 20 } },
  { selector: 'node.hover', style: { 'overlay-color': '#2459bd', 'overlay-opacity': 0.08, 'overlay-padding': 4 } },
  { selector: 'node.selected-el', style: { 'overlay-color': '#2459bd', 'overlay-opacity': 0.18, 'overlay-padding': 6, 'border-color': '#2459bd', 'border-width': 4 } },
  { selector: 'edge.selected-el', style: { width: 5, 'overlay-color': '#2459bd', 'overlay-opacity': 0.15, 'overlay-padding': 4 } },
  { selector: 'node.search-hit', style: { 'border-color': '#2459bd', 'border-width': 4 } },

  // Blast radius: hop rings (fill by hop, and the hop in the label), unreached dimmed, the path drawn on top.
  { selector: 'node.hop-0, node.hop-1, node.hop-2, node.hop-3', style: { label: 'data(blastLabel)', 'border-color': '#0f172a', 'border-width': 3, 'border-style': 'solid', 'font-weight': 'bold' } },
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

/**
 * How a view is drawn: `detail` for views fcose lays out; views too large for it (cytoscape-graph.tsx) get the
 * `overview` look, and `overview-far` while zoomed out so far that arrows would be specks.
 */
export type GraphLook = 'detail' | 'overview' | 'overview-far';

/**
 * Fitted, a 2,000-workload view is drawn at about a tenth of its size, where workload and edge labels would be
 * unreadable specks that still cost paint time: they appear once zoomed in far enough to read
 * (`min-zoomed-font-size`, in on-screen pixels). Namespace titles are large enough to read at the fitted zoom.
 * Edges are straight: no bundling of parallel edges to compute.
 */
const overviewStyle: StylesheetJson = [
  { selector: 'node', style: { 'min-zoomed-font-size': 9 } },
  { selector: 'node[kind = "namespace"]', style: { 'font-size': 72, 'min-zoomed-font-size': 0, 'text-max-width': '2000px', 'text-margin-y': -8 } },
  // Namespace frames (plain nodes sized by the namespace-grid layout, see cytoscape-graph.tsx) drawn below everything.
  { selector: 'node[kind = "namespace"][frameWidth]', style: { width: 'data(frameWidth)', height: 'data(frameHeight)', 'z-compound-depth': 'bottom' } },
  { selector: 'edge[kind != "path"]', style: { 'curve-style': 'straight', 'min-zoomed-font-size': 9 } },
];

/**
 * Zoomed far out, 10,000 arrowheads (and the tee/diamond marks mid-edge) are a few pixels each and cost more than
 * the lines: haystack lines without arrows, the fastest edges Cytoscape draws (https://js.cytoscape.org/#style/haystack-edges).
 * Colour and dash still tell the class; arrows come back when zoomed in.
 */
const farStyle: StylesheetJson = [
  { selector: 'edge[kind != "path"]', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', 'mid-target-arrow-shape': 'none' } },
  // Below zoom 0.3 no workload label reaches 'min-zoomed-font-size': without text, Cytoscape does not measure 2,000 labels for their bounding boxes.
  { selector: 'node[kind != "namespace"]', style: { label: '' } },
];

export function graphStyleFor(look: GraphLook): StylesheetJson {
  if (look === 'detail') return graphStyle;
  return look === 'overview' ? [...graphStyle, ...overviewStyle] : [...graphStyle, ...overviewStyle, ...farStyle];
}
