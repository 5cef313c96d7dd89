import type { DraftDetailJson, DraftJson, RiskChangeJson, SemanticDiffJson, SimulationModeJson, WhatIfEdgeJson, WhatIfJson, WhatIfQuery } from '@/lib/api/drafts';
import { loadSnapshotContent, type DraftRecord, type LoadedSnapshotContent } from '@/lib/db';
import {
  combinePolicies,
  generateDraft,
  keepNotDenied,
  semanticDiff,
  simulateDraft,
  toManifestObjects,
  type Draft,
  type DraftInput,
  type DraftKind,
  type EdgeFilter,
  type SimulatedEdge,
} from '@/lib/draft';
import { prepareBlastRadius } from '@/lib/graph';
import type { ManifestObject } from '@/lib/model';
import { createEvaluator } from '@/lib/policy';

/**
 * Server-side glue of the draft routes: a stored draft (scope, kinds, the user's decisions) plus its
 * snapshot's content → the engine's input, and the engine's answers → the JSON of lib/api/drafts.ts.
 * Drafts store decisions, not results: every read regenerates from the snapshot, so the YAML always
 * matches the data it claims to be drawn from.
 */

const connectionKey = (c: { source: string; destination: string; port: number; protocol: string }) => JSON.stringify([c.source, c.destination, c.protocol, c.port]);

export function toDraftInput(draft: Pick<DraftRecord, 'scope' | 'kinds' | 'decisions'>, content: LoadedSnapshotContent): DraftInput {
  const { scope } = draft;
  return {
    inventory: content.inventory,
    edges: content.edges,
    scope: scope.kind === 'namespace' ? { namespaces: scope.namespaces ?? [] } : scope.kind === 'workloads' ? { workloads: scope.workloads ?? [] } : {},
    kinds: draft.kinds as DraftKind[],
    window: { ...(scope.from ? { from: scope.from } : {}), ...(scope.to ? { to: scope.to } : {}) },
    dropped: draft.decisions.filter((d) => d.decision === 'drop').map(({ source, destination, port, protocol }) => ({ source, destination, port, protocol })),
    granted: draft.decisions
      .filter((d) => d.decision === 'grant')
      .map(({ source, destination, port, protocol, operations }) => ({ source, destination, port, protocol, ...(operations ? { operations } : {}) })),
  };
}

export function generateFromRecord(draft: Pick<DraftRecord, 'scope' | 'kinds' | 'decisions'>, content: LoadedSnapshotContent): Draft {
  return generateDraft(toDraftInput(draft, content));
}

export function toDraftJson(d: DraftRecord): DraftJson {
  return {
    id: d.id,
    snapshotId: d.snapshotId,
    name: d.name,
    scope: d.scope as DraftJson['scope'],
    kinds: d.kinds as DraftKind[],
    decisions: d.decisions,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toDraftDetailJson(d: DraftRecord, generated: Draft): DraftDetailJson {
  return {
    draft: toDraftJson(d),
    generated: {
      yaml: generated.yaml,
      documents: generated.documents.length,
      grants: generated.grants,
      excluded: generated.excluded,
      scope: generated.scope,
      diagnostics: generated.diagnostics,
    },
  };
}

/** The draft as the engine reads policies (rendered and parsed back: what is simulated is what is exported). */
function draftObjects(generated: Draft): { objects: ManifestObject[]; diagnostics: Draft['diagnostics'] } {
  const parsed = toManifestObjects(generated.documents);
  return { objects: parsed.value, diagnostics: parsed.diagnostics };
}

/**
 * Legitimate traffic for the what-if: observed edges that were never blocked, plus what the user granted by
 * hand. A dropped edge stays legitimate on purpose: the what-if must say that dropping it breaks it.
 */
function legitimate(draft: Pick<DraftRecord, 'decisions'>): EdgeFilter {
  const granted = new Set(draft.decisions.filter((d) => d.decision === 'grant').map(connectionKey));
  return (edge) => keepNotDenied(edge) || granted.has(connectionKey(edge));
}

function toWhatIfEdge(e: SimulatedEdge): WhatIfEdgeJson {
  const { edge } = e;
  return {
    source: edge.source,
    destination: edge.destination,
    port: edge.port,
    protocol: edge.protocol,
    ...(edge.method !== undefined ? { method: edge.method } : {}),
    ...(edge.pathTemplate !== undefined ? { pathTemplate: edge.pathTemplate } : {}),
    count: edge.count,
    before: e.before,
    after: e.after,
    ...(e.verdictAfter ? { reason: e.verdictAfter.summary } : e.reason ? { reason: e.reason } : {}),
  };
}

/** Blast radius (reachable workloads over what policy allows) of today's riskiest workloads, before and after. */
function riskiestChange(content: LoadedSnapshotContent, after: ManifestObject[], { limit, pivotThroughInfra }: Pick<WhatIfQuery, 'limit' | 'pivotThroughInfra'>): { riskiest: RiskChangeJson[]; workloads: number } {
  const prepare = (objects: ManifestObject[]) => prepareBlastRadius({ inventory: content.inventory, evaluator: createEvaluator(content.inventory, objects).value, edges: content.edges });
  const before = prepare(content.objects);
  const all = before.workloads.length;
  const afterByName = new Map(prepare(after).riskiest({ limit: all, pivotThroughInfra }).map((r) => [r.workload, r]));
  const riskiest = before.riskiest({ limit, pivotThroughInfra }).map((r): RiskChangeJson => {
    const a = afterByName.get(r.workload);
    return { workload: r.workload, before: r.reachable, after: a?.reachable ?? 0, crownJewelsBefore: r.crownJewelsReached.length, crownJewelsAfter: a?.crownJewelsReached.length ?? 0 };
  });
  return { riskiest, workloads: all };
}

export function computeWhatIf(draft: DraftRecord, content: LoadedSnapshotContent, generated: Draft, query: WhatIfQuery): WhatIfJson {
  const { mode } = query;
  const { objects, diagnostics } = draftObjects(generated);
  const simulation = simulateDraft({ inventory: content.inventory, currentObjects: content.objects, draftObjects: objects, edges: content.edges, mode, keep: legitimate(draft) });
  const { riskiest, workloads } = riskiestChange(content, combinePolicies(content.objects, objects, mode), query);
  return {
    mode,
    wouldBreak: simulation.wouldBreak.map(toWhatIfEdge),
    blocked: simulation.blocked.map(toWhatIfEdge),
    stillAllowed: simulation.stillAllowed.map(toWhatIfEdge),
    deniedAfter: simulation.deniedAfter.length,
    unknown: simulation.unknown.length,
    edges: simulation.edges.length,
    riskiest,
    pivotThroughInfra: query.pivotThroughInfra,
    workloads,
    diagnostics: [...diagnostics, ...simulation.diagnostics],
  };
}

export function computeDiff(content: LoadedSnapshotContent, generated: Draft, mode: SimulationModeJson): SemanticDiffJson {
  const { objects } = draftObjects(generated);
  // Observed ports count too: a destination may serve on a port its pod spec does not declare.
  const extraPorts = content.edges.map((e) => ({ destination: e.destination, port: e.port, protocol: e.protocol }));
  const diff = semanticDiff({ inventory: content.inventory, before: content.objects, after: combinePolicies(content.objects, objects, mode), extraPorts });
  return { mode, gained: diff.gained, lost: diff.lost, changed: diff.changed, compared: diff.compared };
}

/** A stored draft, its snapshot's content and what the engine generates from them. */
export async function loadGenerated(draft: DraftRecord) {
  const content = await loadSnapshotContent(draft.snapshotId);
  return { content, generated: generateFromRecord(draft, content) };
}

/** A default name from the scope: "boutique", "2 workloads", "whole snapshot". */
export function defaultDraftName(scope: DraftRecord['scope']): string {
  if (scope.kind === 'namespace') return (scope.namespaces ?? []).join(', ') || 'namespace';
  if (scope.kind === 'workloads') return (scope.workloads ?? []).length === 1 ? (scope.workloads?.[0] ?? 'workload') : `${(scope.workloads ?? []).length} workloads`;
  return 'whole snapshot';
}

/** A file name for downloads: lower-case letters, digits and dashes. */
export function exportFileName(draft: Pick<DraftRecord, 'name'>, extension: 'yaml' | 'zip'): string {
  const slug = draft.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'draft';
  return `eastwest-draft-${slug}.${extension}`;
}
