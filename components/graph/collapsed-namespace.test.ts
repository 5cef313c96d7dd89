import { describe, expect, test } from 'vitest';
import type { CollapsedNamespace, SummaryEdge } from '@/lib/graph/model';
import { collapsedEdgeCounts } from './collapsed-edge-counts';
import { db, frontend, world } from './testing/fixtures';
import { NOT_ISOLATED_MARK, toElements } from './to-elements';

const shop: CollapsedNamespace = { id: 'ns:shop', namespace: 'shop', workloads: 12, unprotected: { ingress: 2, egress: 0 } };
const tools: CollapsedNamespace = { id: 'ns:tools', namespace: 'tools', workloads: 1, unprotected: { ingress: 0, egress: 0 } };
/** The demo's boutique → boutique summary: the edges between the namespace's own workloads. */
const inside: SummaryEdge = { source: 'ns:shop', destination: 'ns:shop', counts: { allowed: 16, denied: 2, unused: 2 } };
const fromWorld: SummaryEdge = { source: 'world', destination: 'ns:shop', counts: { allowed: 1, unprotected: 1 } };
const toTools: SummaryEdge = { source: 'ns:shop', destination: 'ns:tools', counts: { denied: 1 } };
const elsewhere: SummaryEdge = { source: 'world', destination: 'ns:tools', counts: { allowed: 5 } };

describe('a collapsed namespace', () => {
  test('its panel counts edges inside it, into it and out of it, per class', () => {
    expect(collapsedEdgeCounts('ns:shop', [inside, fromWorld, toTools, elsewhere])).toEqual({
      internal: { allowed: 16, denied: 2, unprotected: 0, unused: 2 },
      incoming: { allowed: 1, denied: 0, unprotected: 1, unused: 0 },
      outgoing: { allowed: 0, denied: 1, unprotected: 0, unused: 0 },
    });
  });

  test('its summary edge to itself is a loop on the canvas, with its counts and the worst class', () => {
    const els = toElements({ nodes: [world], edges: [], collapsed: [shop, tools], summaryEdges: [inside, fromWorld] });
    const loop = els.find((e) => e.data.id === 'summary:ns:shop|ns:shop');
    expect(loop).toMatchObject({ group: 'edges', classes: 'summary', data: { source: 'ns:shop', target: 'ns:shop', kind: 'denied', label: '16 allowed, 2 denied, 2 unused' } });
  });

  test('one holding workloads that are not isolated carries the mark in its label, others do not', () => {
    const els = toElements({ nodes: [], edges: [], collapsed: [shop, tools], summaryEdges: [] });
    expect(els.find((e) => e.data.id === 'ns:shop')?.data.label).toBe(`${NOT_ISOLATED_MARK} shop\n12 workloads`);
    expect(els.find((e) => e.data.id === 'ns:tools')?.data.label).toBe('tools\n1 workload');
  });
});

describe('a workload that is not isolated', () => {
  test('is marked in its label, not by colour alone (also outside the reach of a blast radius)', () => {
    const els = toElements({ nodes: [db, frontend], edges: [], collapsed: [], summaryEdges: [] });
    expect(els.find((e) => e.data.id === db.id)?.data).toMatchObject({ label: `${NOT_ISOLATED_MARK} db`, blastLabel: `${NOT_ISOLATED_MARK} db`, unprotected: 'ingress' });
    expect(els.find((e) => e.data.id === frontend.id)?.data).toMatchObject({ label: 'frontend', unprotected: 'none' });
  });
});
