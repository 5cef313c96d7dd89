'use client';

import { useCallback, useMemo, useState } from 'react';
import { ApiRequestError, useBlastRadiusQuery, useGraphQuery } from '@/lib/api/graph-client';
import { BlastPanel } from '@/components/blast-radius/blast-panel';
import { CytoscapeGraph, type GraphSelectEvent } from '@/components/graph/cytoscape-graph';
import { DETAILS_PANEL_ID, EdgeTable } from '@/components/graph/edge-table';
import { GraphFilters } from '@/components/graph/graph-filters';
import { GraphLegend, NodeLegend } from '@/components/graph/graph-legend';
import { GraphMessage } from '@/components/graph/graph-message';
import { ModeTabs } from '@/components/graph/mode-tabs';
import { RulesView } from '@/components/graph/rules-view';
import { clearPositions } from '@/components/graph/positions-cache';
import { SelectionPanel } from '@/components/graph/selection-panel';
import { toElements, type BlastOverlay } from '@/components/graph/to-elements';
import { useIdleAfter } from '@/components/graph/use-idle-after';
import { useViewState } from '@/components/graph/use-view-state';
import { EDGE_KINDS, noFilters, toBlastApiQuery, toGraphApiQuery, toUniverseApiQuery, type EdgeKind } from '@/components/graph/view-state';
import { toVisibleGraph } from '@/components/graph/visible-graph';

/** The graph explorer: URL view state → API queries → graph, table or blast radius, with the details panel. */
export function GraphExplorer({ snapshotId, snapshotName }: { snapshotId: string; snapshotName: string }) {
  const [view, update] = useViewState(snapshotId);
  const [layoutNonce, setLayoutNonce] = useState(0);
  const graph = useGraphQuery(snapshotId, toGraphApiQuery(view));
  // The unfiltered universe (namespace list, pickers) waits until the first view is drawn and the browser is idle:
  // fetched alongside, its parsing and rendering landed between the graph's first frame and the next
  // (bench/graph-render.bench.ts). Nothing on the first screen needs it.
  const universeReady = useIdleAfter(graph.data !== undefined || graph.isError);
  const universe = useGraphQuery(snapshotId, toUniverseApiQuery(view), { enabled: universeReady });
  const blast = useBlastRadiusQuery(snapshotId, toBlastApiQuery(view));

  const visible = useMemo(() => (graph.data ? toVisibleGraph(graph.data, view) : null), [graph.data, view]);
  const overlay: BlastOverlay | undefined = view.mode === 'blast' && blast.data && view.start.length ? { direction: blast.data.direction, start: blast.data.start, reached: blast.data.reached, ...(view.target ? { target: view.target } : {}) } : undefined;
  const elements = useMemo(() => (visible ? toElements(visible, overlay) : []), [visible, overlay?.direction, overlay?.start, overlay?.reached, overlay?.target]); // eslint-disable-line react-hooks/exhaustive-deps

  const namespaces = useMemo(() => {
    const set = new Set<string>();
    for (const n of universe.data?.nodes ?? []) if (n.namespace) set.add(n.namespace);
    for (const c of universe.data?.collapsed ?? []) set.add(c.namespace);
    return [...set].sort();
  }, [universe.data]);
  const workloads = useMemo(() => blastCandidates(universe.data?.nodes ?? []), [universe.data]);

  const onSelect = useCallback((s: GraphSelectEvent | null) => update({ selection: s }), [update]);
  const onExpand = useCallback((ns: string) => update({ expand: [...new Set([...view.expand, ns])], collapse: view.collapse.filter((c) => c !== ns) }), [update, view.expand, view.collapse]);
  const toggleKind = (kind: EdgeKind) => {
    const shown = view.show.length ? view.show : [];
    const next = !shown.length ? [kind] : shown.includes(kind) ? shown.filter((k) => k !== kind) : [...shown, kind];
    update({ show: next.length === EDGE_KINDS.length ? [] : next });
  };

  const clearFilters = () => update(noFilters());

  const summary = graph.data?.summary ?? universe.data?.summary;
  const empty = graph.data && graph.data.summary.nodes === 0 && graph.data.summary.edges === 0;
  const nothingVisible = visible && visible.nodes.length === 0 && visible.collapsed.length === 0;
  // The snapshot cards count observed edges; the graph also draws the unused grants: say which is which.
  const observedShown = visible ? visible.edges.filter((e) => e.class !== 'unused').length : 0;

  return (
    <div className="flex h-[calc(100vh-4.5rem)] min-h-[36rem] flex-col" data-testid="graph-explorer">
      <div className="space-y-2 border-b border-slate-200 bg-white px-6 py-2.5">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <ModeTabs mode={view.mode} onChange={(mode) => update({ mode })} summary={summary} />
          <GraphFilters view={view} namespaces={namespaces} trafficRange={universe.data?.trafficRange ?? graph.data?.trafficRange ?? null} update={update} />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          {summary ? <GraphLegend summary={summary} show={view.show} onToggle={toggleKind} /> : <span />}
          <div className="flex items-center gap-3 text-xs text-slate-500">
            {visible ? (
              <span data-testid="visible-counts" data-observed={observedShown} data-unused={visible.edges.length - observedShown}>
                {visible.nodes.length} nodes · {observedShown} observed + {visible.edges.length - observedShown} unused edges shown
                {visible.collapsed.length ? ` · ${visible.collapsed.length} collapsed namespace${visible.collapsed.length === 1 ? '' : 's'} with ${visible.summaryEdges.length} summary edge${visible.summaryEdges.length === 1 ? '' : 's'} (double-click to expand)` : ''}
              </span>
            ) : null}
            {graph.isFetching ? <span role="status">Updating…</span> : null}
            {view.mode === 'graph' || view.mode === 'blast' ? (
              <button
                type="button"
                className="font-medium text-slate-600 hover:text-slate-900"
                onClick={() => {
                  clearPositions(snapshotId);
                  setLayoutNonce((n) => n + 1);
                }}
              >
                Re-layout
              </button>
            ) : null}
          </div>
        </div>
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1 bg-white">
          {/* Rules need no graph: a snapshot of policies alone has dangling rules and diagnostics to show. */}
          {view.mode === 'rules' ? (
            <RulesView snapshotId={snapshotId} window={{ ...(view.from ? { from: view.from } : {}), ...(view.to ? { to: view.to } : {}) }} sort={view.ruleSort} onSort={(ruleSort) => update({ ruleSort })} />
          ) : graph.isError && !graph.data ? (
            isRequestProblem(graph.error) ? (
              // The server answered and refused this view (e.g. a time window that ends before it starts): the URL is the problem, not the server.
              <GraphMessage tone="error" title="This view cannot be shown" action={{ label: 'Clear filters', onClick: clearFilters }} link={{ label: 'Back to snapshots', href: '/' }}>
                {graph.error.message}
              </GraphMessage>
            ) : (
              <GraphMessage tone="error" title="The graph could not be loaded" action={{ label: 'Try again', onClick: () => void graph.refetch() }} link={{ label: 'Back to snapshots', href: '/' }}>
                {graph.error.message} Check that the server and its database are running, then try again.
              </GraphMessage>
            )
          ) : !graph.data ? (
            <GraphMessage title="Classifying the traffic against every policy layer…" busy>
              Large snapshots take a few seconds the first time; later filters are instant.
            </GraphMessage>
          ) : empty ? (
            <GraphMessage title="This snapshot has no workloads or traffic yet" link={{ label: 'Import data', href: `/import?snapshot=${snapshotId}` }}>
              Import the cluster&apos;s inventory (kubectl get … -o json), its policies and traffic logs; the graph is drawn from them.
            </GraphMessage>
          ) : view.mode === 'table' ? (
            <EdgeTable
              edges={visible?.edges ?? []}
              sort={view.sort}
              dir={view.sortDir}
              selectedId={view.selection?.kind === 'edge' ? view.selection.id : undefined}
              fileName={`eastwest-edges-${snapshotName.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.csv`}
              onSort={(sort, sortDir) => update({ sort, sortDir })}
              onSelect={(id) => update({ selection: { kind: 'edge', id } })}
            />
          ) : (
            <>
              <CytoscapeGraph snapshotId={snapshotId} elements={elements} selectedId={view.selection?.id} onSelect={onSelect} onExpand={onExpand} layoutNonce={layoutNonce} />
              <NodeLegend />
              {nothingVisible ? (
                <div className="absolute inset-0 flex items-center justify-center bg-white/70">
                  <GraphMessage title="No edges match these filters" action={{ label: 'Clear filters', onClick: clearFilters }}>
                    Widen the time window, pick more classes in the legend, or clear the search.
                  </GraphMessage>
                </div>
              ) : null}
            </>
          )}
        </div>
        {/* The Rules view takes the width: its rows carry their own details (reason, file, YAML). */}
        {view.mode === 'rules' ? null : (
          <aside id={DETAILS_PANEL_ID} tabIndex={-1} className="w-[24rem] shrink-0 overflow-y-auto border-l border-slate-200 bg-white focus:outline-none" aria-label="Details">
            {view.mode === 'blast' ? (
              <BlastPanel snapshotId={snapshotId} view={view} workloads={workloads} report={blast.data} loading={blast.isFetching} error={blast.isError ? blast.error.message : undefined} update={update} />
            ) : null}
            {graph.data && view.selection ? (
              <div className={view.mode === 'blast' ? 'border-t-4 border-slate-100' : ''}>
                <SelectionPanel snapshotId={snapshotId} selection={view.selection} view={graph.data} universe={universe.data} state={view} update={update} />
              </div>
            ) : view.mode !== 'blast' ? (
              <div className="px-4 py-4 text-sm text-slate-600">
                <p className="font-medium text-slate-900">Select a workload or an edge</p>
                <p className="mt-1">
                  Click a node for its labels, service account, isolation and the policies selecting it; click an edge for its observed traffic and the verdict of every enforcing layer with the deciding rule. Hover an edge for its port.
                </p>
                {graph.data?.notes.length ? (
                  <ul className="mt-3 list-disc space-y-1 pl-5 text-xs text-amber-800">
                    {graph.data.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </aside>
        )}
      </div>
    </div>
  );
}

/** A 400 from the API: the view's parameters were refused (the server and database are fine). */
const isRequestProblem = (error: Error): boolean => error instanceof ApiRequestError && error.status === 400;

/** Workloads an attacker can hold (no external peers or nodes), sorted. */
function blastCandidates(nodes: readonly { id: string; kind: string }[]): string[] {
  return nodes
    .filter((n) => n.kind === 'workload' || n.kind === 'pod' || n.kind === 'infra')
    .map((n) => n.id)
    .sort();
}
