import { z } from 'zod';

/** A boolean query parameter: `1`/`true` on, `0`/`false`/absent off. */
export const queryFlagSchema = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/**
 * Walk on from shared infrastructure (cluster DNS, mesh control plane, API server) as if the attacker could take
 * it over too. Off by default: reaching CoreDNS with queries is not compromising it (lib/graph/blast-radius.ts).
 */
export const pivotThroughInfraSchema = queryFlagSchema;

/** Query of GET /api/snapshots/:id/blast-radius (also the graph page's URL state for blast-radius mode). */
export const blastRadiusQuerySchema = z.object({
  direction: z.enum(['blast', 'exposure']).default('blast'),
  /** One or more workloads, `ns/name`, comma separated. */
  start: z
    .string()
    .min(1, 'name at least one workload')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  maxHops: z.coerce.number().int().min(1).max(50).optional(),
  observedOnly: queryFlagSchema,
  pivotThroughInfra: pivotThroughInfraSchema,
  /** Extra crown-jewel tags for this query (the snapshot's stored tags always apply). */
  crownJewels: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [])),
});
export type BlastRadiusQueryInput = z.input<typeof blastRadiusQuerySchema>;

export const riskQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(10),
  observedOnly: queryFlagSchema,
  pivotThroughInfra: pivotThroughInfraSchema,
});

/** Body of POST/DELETE /api/snapshots/:id/crown-jewels: a workload `ns/name` or a namespace `ns`. */
export const crownJewelTagSchema = z.object({
  targetKind: z.enum(['workload', 'namespace']),
  target: z.string().trim().min(1).max(400),
  reason: z.string().trim().max(500).nullable().default(null),
});
export type CrownJewelTagInput = z.input<typeof crownJewelTagSchema>;
