import { z } from 'zod';
import type { DraftKind, ExclusionReason, Grant } from '@/lib/draft/types';
import type { Diagnostic } from '@/lib/model/diagnostics';
import type { ObservedEdge } from '@/lib/traffic/model';
import { pivotThroughInfraSchema } from './blast-radius';

/** Shared by the draft route handlers (validation) and the Drafts page (request and response types). */

export const draftKindSchema = z.enum(['networkpolicy', 'istio', 'cilium', 'linkerd'] satisfies [DraftKind, ...DraftKind[]]);
export const protocolSchema = z.enum(['TCP', 'UDP', 'SCTP']);

const endpointSchema = z.string().trim().min(1).max(512);
const timestamp = z.iso.datetime({ offset: true });

/** One connection as the graph names its edges: source, destination, destination pod port, protocol. */
export const connectionKeySchema = z.object({
  source: endpointSchema,
  destination: endpointSchema,
  port: z.number().int().min(1).max(65535),
  protocol: protocolSchema,
});
export type ConnectionKeyJson = z.infer<typeof connectionKeySchema>;

export const operationSchema = z.object({ method: z.string().trim().min(1).max(16).optional(), pathTemplate: z.string().min(1).max(2048).optional() });

/** The user's "drop from draft" / "grant" on one connection (one decision per connection). */
export const edgeDecisionSchema = connectionKeySchema.extend({
  decision: z.enum(['drop', 'grant']),
  operations: z.array(operationSchema).max(100).optional(),
});
export type EdgeDecisionJson = z.infer<typeof edgeDecisionSchema>;

const windowFields = { from: timestamp.optional(), to: timestamp.optional() };
const names = z.array(z.string().trim().min(1).max(253)).min(1, 'name at least one').max(1000);

/** What to draft for: a namespace (or several), a set of workloads (`ns/name`), or the whole snapshot; and a time window. */
export const draftScopeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('snapshot'), ...windowFields }),
    z.object({ kind: z.literal('namespace'), namespaces: names, ...windowFields }),
    z.object({ kind: z.literal('workloads'), workloads: z.array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'workloads are named ns/name')).min(1, 'pick at least one workload').max(1000), ...windowFields }),
  ])
  .refine((s) => !s.from || !s.to || Date.parse(s.from) <= Date.parse(s.to), { message: '`from` must not be after `to`', path: ['to'] });
export type DraftScopeJson = z.infer<typeof draftScopeSchema>;

const kindsSchema = z.array(draftKindSchema).min(1, 'pick at least one output kind').transform((k) => [...new Set(k)]);

export const createDraftSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  scope: draftScopeSchema,
  kinds: kindsSchema.default(['networkpolicy']),
  decisions: z.array(edgeDecisionSchema).max(10_000).optional(),
});
export type CreateDraftInput = z.input<typeof createDraftSchema>;

/** PATCH body: every field optional; `decisions` replaces the whole list. */
export const updateDraftSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  scope: draftScopeSchema.optional(),
  kinds: kindsSchema.optional(),
  decisions: z.array(edgeDecisionSchema).max(10_000).optional(),
});
export type UpdateDraftInput = z.input<typeof updateDraftSchema>;

export const draftIdSchema = z.object({ draftId: z.uuid('draft ids are UUIDs') });

export const simulationModeSchema = z.enum(['add', 'replace']);
export type SimulationModeJson = z.infer<typeof simulationModeSchema>;

export const whatIfQuerySchema = z.object({
  mode: simulationModeSchema.default('add'),
  /** How many of the riskiest workloads to compare before and after. */
  limit: z.coerce.number().int().min(1).max(100).default(8),
  /** Blast radius walks on from shared infrastructure (DNS, mesh control plane, API server) too; default off. */
  pivotThroughInfra: pivotThroughInfraSchema,
});
export type WhatIfQuery = z.infer<typeof whatIfQuerySchema>;

export const exportQuerySchema = z.object({ format: z.enum(['yaml', 'zip']).default('yaml') });

/** A stored draft as JSON. */
export interface DraftJson {
  id: string;
  snapshotId: string;
  name: string;
  scope: DraftScopeJson;
  kinds: DraftKind[];
  decisions: EdgeDecisionJson[];
  createdAt: string;
  updatedAt: string;
}

/** A draft with what the engine generates from it (recomputed from the snapshot on every read). */
export interface DraftDetailJson {
  draft: DraftJson;
  generated: {
    yaml: string;
    documents: number;
    grants: Grant[];
    excluded: { edge: ObservedEdge; reason: ExclusionReason }[];
    scope: { namespaces: string[]; workloads: string[] };
    diagnostics: Diagnostic[];
  };
}

export type EdgeOutcomeJson = 'allowed' | 'denied' | 'partial' | 'conditional' | 'unknown';

/** One observed edge in the what-if: its answer today and after the draft. */
export interface WhatIfEdgeJson {
  source: string;
  destination: string;
  port: number;
  protocol: string;
  method?: string;
  pathTemplate?: string;
  count: number;
  before: EdgeOutcomeJson;
  after: EdgeOutcomeJson;
  /** The verdict after the change, one line. */
  reason?: string;
}

export interface RiskChangeJson {
  workload: string;
  before: number;
  after: number;
  crownJewelsBefore: number;
  crownJewelsAfter: number;
}

export interface WhatIfJson {
  mode: SimulationModeJson;
  /** Legitimate traffic allowed today that the draft denies. */
  wouldBreak: WhatIfEdgeJson[];
  /** Unauthorized attempts the draft blocks. */
  blocked: WhatIfEdgeJson[];
  /** Unauthorized attempts still allowed with the draft. */
  stillAllowed: WhatIfEdgeJson[];
  /** Legitimate traffic not allowed after the change, including what is already denied today. */
  deniedAfter: number;
  unknown: number;
  edges: number;
  /** Blast radius (reachable workloads) of the riskiest workloads before and after, riskiest today first. */
  riskiest: RiskChangeJson[];
  /** Whether that blast radius walked on from shared infrastructure (the query's `pivotThroughInfra`). */
  pivotThroughInfra: boolean;
  workloads: number;
  diagnostics: Diagnostic[];
}

export interface PairChangeJson {
  source: string;
  destination: string;
  port: number;
  protocol: string;
  before: EdgeOutcomeJson;
  after: EdgeOutcomeJson;
}

export interface SemanticDiffJson {
  mode: SimulationModeJson;
  gained: PairChangeJson[];
  lost: PairChangeJson[];
  changed: PairChangeJson[];
  compared: number;
}

/** TanStack Query keys: under `['snapshots', id]` so a snapshot import invalidates its drafts too. */
export const draftQueryKeys = {
  list: (snapshotId: string) => ['snapshots', snapshotId, 'drafts'] as const,
  detail: (snapshotId: string, draftId: string) => ['snapshots', snapshotId, 'drafts', draftId] as const,
  whatIf: (snapshotId: string, draftId: string, mode: string) => ['snapshots', snapshotId, 'drafts', draftId, 'what-if', mode] as const,
  diff: (snapshotId: string, draftId: string, mode: string) => ['snapshots', snapshotId, 'drafts', draftId, 'diff', mode] as const,
};

/** The connection key the graph uses as an edge id (`source|destination|port|protocol`), also the deep-link format. */
export function toEdgeId(c: { source: string; destination: string; port: number; protocol: string }): string {
  return `${c.source}|${c.destination}|${c.port}|${c.protocol}`;
}

/** Parses an edge id back; `null` when it is not one. */
export function parseEdgeId(id: string): ConnectionKeyJson | null {
  const parts = id.split('|');
  if (parts.length !== 4) return null;
  const [source, destination, port, protocol] = parts as [string, string, string, string];
  const parsed = connectionKeySchema.safeParse({ source, destination, port: Number(port), protocol: protocol.toUpperCase() });
  return parsed.success ? parsed.data : null;
}
