'use client';

import type { GraphView } from '@/lib/graph/model';
import { SUMMARY_KINDS, summaryCount } from '@/lib/graph/summary-edge';
import { Button } from '@/components/ui/button';
import { CollapsedEdgeTable } from './collapsed-edge-table';
import { collapsedEdgeCounts } from './collapsed-edge-counts';
import { DetailRow, DetailSection } from './detail-parts';
import { EdgeDetails } from './edge-details';
import { NodeDetails } from './node-details';
import { summaryElementId } from './to-elements';
import type { Selection, ViewState } from './view-state';

export interface SelectionPanelProps {
  snapshotId: string;
  selection: Selection;
  /** The filtered view (what is drawn) and the unfiltered one of the same window (for lookups and counts). */
  view: GraphView;
  universe?: GraphView;
  state: ViewState;
  update(patch: Partial<ViewState>): void;
}

/** Details of the selected node, edge, namespace box or collapsed namespace; `null` when the selection is not in the view. */
export function SelectionPanel({ snapshotId, selection, view, universe, state, update }: SelectionPanelProps) {
  if (!selection) return null;
  const all = universe ?? view;
  if (selection.kind === 'edge') {
    if (selection.id.startsWith('summary:')) {
      const s = view.summaryEdges.find((e) => summaryElementId(e) === selection.id);
      if (!s) return <Missing what="edge" update={update} />;
      return (
        <div data-testid="summary-details">
          <DetailSection title={s.source === s.destination ? 'Edges inside a collapsed namespace' : 'Edges between collapsed namespaces'}>
            <p className="font-mono text-xs">
              {s.source} → {s.destination}
            </p>
            <dl className="space-y-1">
              {SUMMARY_KINDS.map((k) => (
                <DetailRow key={k} label={k}>
                  {summaryCount(s, k)}
                </DetailRow>
              ))}
            </dl>
            <p className="text-xs text-slate-500">Expand a namespace (double-click it) to see its edges one by one.</p>
          </DetailSection>
        </div>
      );
    }
    const edge = view.edges.find((e) => e.id === selection.id) ?? all.edges.find((e) => e.id === selection.id);
    return edge ? <EdgeDetails edge={edge} snapshotId={snapshotId} window={view.window} /> : <Missing what="edge" update={update} />;
  }
  if (selection.id.startsWith('nsbox:') || selection.id.startsWith('ns:')) {
    const ns = selection.id.replace(/^nsbox:|^ns:/, '');
    const collapsed = view.collapsed.find((c) => c.namespace === ns);
    const members = all.nodes.filter((n) => n.namespace === ns);
    return (
      <div data-testid="namespace-details">
        <DetailSection title="Namespace">
          <p className="font-mono text-sm font-semibold">{ns}</p>
          <dl className="space-y-1">
            <DetailRow label="Workloads">{collapsed?.workloads ?? members.length}</DetailRow>
            <DetailRow label="Unprotected in">{collapsed?.unprotected.ingress ?? members.filter((n) => n.unprotected.ingress).length}</DetailRow>
            <DetailRow label="Unprotected out">{collapsed?.unprotected.egress ?? members.filter((n) => n.unprotected.egress).length}</DetailRow>
          </dl>
          {collapsed ? <CollapsedEdgeTable counts={collapsedEdgeCounts(collapsed.id, view.summaryEdges)} /> : null}
          {collapsed ? (
            <Button variant="secondary" className="mt-2 px-2.5 py-1.5 text-xs" onClick={() => update({ expand: [...new Set([...state.expand, ns])], collapse: state.collapse.filter((c) => c !== ns), selection: null })}>
              Expand namespace
            </Button>
          ) : (
            <Button variant="secondary" className="mt-2 px-2.5 py-1.5 text-xs" onClick={() => update({ collapse: [...new Set([...state.collapse, ns])], expand: state.expand.filter((c) => c !== ns), selection: { kind: 'node', id: `ns:${ns}` } })}>
              Collapse namespace
            </Button>
          )}
        </DetailSection>
      </div>
    );
  }
  const node = view.nodes.find((n) => n.id === selection.id) ?? all.nodes.find((n) => n.id === selection.id);
  if (!node) return <Missing what="workload" update={update} />;
  return (
    <NodeDetails
      node={node}
      snapshotId={snapshotId}
      edges={all.edges}
      window={view.window}
      onAssumeCompromised={() => update({ mode: 'blast', direction: 'blast', start: [node.id], target: undefined })}
      onShowExposure={() => update({ mode: 'blast', direction: 'exposure', start: [node.id], target: undefined })}
    />
  );
}

function Missing({ what, update }: { what: string; update(patch: Partial<ViewState>): void }) {
  return (
    <div className="px-4 py-3 text-sm text-slate-600">
      <p>The selected {what} is not in this view (another time window or filter hides it).</p>
      <button type="button" className="mt-1 font-medium text-brand-600" onClick={() => update({ selection: null })}>
        Clear the selection
      </button>
    </div>
  );
}
