import { z } from 'zod';

/**
 * The contract of `POST /api/snapshots/[id]/imports`, shared by the route handler and the
 * import page. One request imports one or more files; the page sends one file per request
 * so that it can show per-file upload progress.
 */
export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

export const importCountsSchema = z
  .object({
    read: z.number().optional(),
    imported: z.number().optional(),
    /** Skipped records by reason, e.g. `{ "bad-json": 3, "unresolved": 12 }`. */
    skipped: z.record(z.string(), z.number()).optional(),
    /** Records or objects that could not be imported (broken, invalid), each with a diagnostic. */
    rejected: z.number().optional(),
  })
  .catchall(z.unknown());

export const importStatusSchema = z.enum(['succeeded', 'failed', 'duplicate']);

export const importResultSchema = z.object({
  jobId: z.union([z.number(), z.string()]).nullable().optional(),
  fileName: z.string(),
  status: importStatusSchema,
  format: z.string().nullable().optional(),
  counts: importCountsSchema.default({}),
  diagnostics: z.array(diagnosticSchema).default([]),
  /** A one-line summary for the user, e.g. "already imported on …". */
  message: z.string().optional(),
});

export const importResponseSchema = z.object({
  /** The snapshot imported into; for a new snapshot, null when no file was imported and so none was created. */
  snapshotId: z.string().nullable().optional(),
  results: z.array(importResultSchema),
});

export type ImportDiagnostic = z.infer<typeof diagnosticSchema>;
export type ImportCounts = z.infer<typeof importCountsSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type ImportResponse = z.infer<typeof importResponseSchema>;

/** The request query parameter naming the file when the body is the raw file (not multipart). */
export const fileNameParam = 'fileName';

/** The path segment in place of a snapshot id for an import that creates its snapshot (`?name=&cluster=&environment=`). */
export const NEW_SNAPSHOT_ID = 'new';

export function importUrl(snapshotId: string): string {
  return `/api/snapshots/${encodeURIComponent(snapshotId)}/imports`;
}
