import { z } from 'zod';

/** Shared by the route handlers (validation) and the client (types of what the API returns). */

const trimmed = (max: number) => z.string().trim().min(1, 'required').max(max);

export const createSnapshotSchema = z.object({
  name: trimmed(200),
  cluster: trimmed(200),
  /** Free label such as prod, staging, dev (issue 12 compares environments). */
  environment: trimmed(64),
  description: z.string().trim().max(2000).optional(),
});
export type CreateSnapshotInput = z.infer<typeof createSnapshotSchema>;

export const snapshotIdSchema = z.object({ id: z.uuid('snapshot ids are UUIDs') });

export const snapshotCountsSchema = z.object({
  namespaces: z.number().int(),
  workloads: z.number().int(),
  policies: z.number().int(),
  edges: z.number().int(),
});

/** A snapshot as JSON (dates as ISO strings). */
export const snapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  cluster: z.string(),
  environment: z.string(),
  description: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  trafficFrom: z.iso.datetime().nullable(),
  trafficTo: z.iso.datetime().nullable(),
  isBaseline: z.boolean(),
  isDemo: z.boolean(),
});
export type SnapshotJson = z.infer<typeof snapshotSchema>;

export const snapshotWithCountsSchema = snapshotSchema.extend({ counts: snapshotCountsSchema });
export type SnapshotWithCountsJson = z.infer<typeof snapshotWithCountsSchema>;

export const snapshotListSchema = z.object({ snapshots: z.array(snapshotWithCountsSchema) });
export type SnapshotListJson = z.infer<typeof snapshotListSchema>;
