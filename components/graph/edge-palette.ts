import type { EdgeKind } from './view-state';

/**
 * One look per edge kind, shared by the Cytoscape stylesheet, the legend and the table. Colours are from the
 * Okabe-Ito palette (distinguishable with the common colour-vision deficiencies) and every kind also has its
 * own line style and arrow, so the classes never depend on colour alone.
 * https://jfly.uni-koeln.de/color/
 */
export interface EdgeLook {
  label: string;
  description: string;
  color: string;
  line: 'solid' | 'dashed' | 'dotted';
  dash: number[];
  arrow: 'triangle' | 'tee' | 'vee' | 'triangle-backcurve';
  arrowFill: 'filled' | 'hollow';
  width: number;
}

export const EDGE_LOOKS: Record<EdgeKind, EdgeLook> = {
  allowed: { label: 'Allowed', description: 'observed, and explicitly allowed on every enforcing layer', color: '#0072B2', line: 'solid', dash: [], arrow: 'triangle', arrowFill: 'filled', width: 2.5 },
  denied: { label: 'Unauthorized: denied', description: 'observed, and a policy denies it (a blocked attempt)', color: '#D55E00', line: 'dashed', dash: [9, 4], arrow: 'tee', arrowFill: 'filled', width: 3 },
  unprotected: { label: 'Unauthorized: unprotected', description: 'observed, flows only because an end is not isolated', color: '#E69F00', line: 'dotted', dash: [2, 4], arrow: 'vee', arrowFill: 'filled', width: 3 },
  unused: { label: 'Allowed but unused', description: 'a rule grants it, no traffic seen in the window', color: '#8a8a8a', line: 'dashed', dash: [4, 4], arrow: 'triangle', arrowFill: 'hollow', width: 1.25 },
};

/** SVG `stroke-dasharray` for the legend swatches. */
export const svgDash = (look: EdgeLook): string | undefined => (look.dash.length ? look.dash.join(' ') : undefined);
