import type { Diagnostic } from '@/lib/model';
import type { EnvoyLogFormat, FormatName, TrafficInput } from '@/lib/traffic';

/**
 * One file to import. `content` is read once, as a stream; pass a function to open it lazily
 * (the CLI opens files one at a time instead of holding every file descriptor open).
 */
export interface ImportUpload {
  fileName: string;
  content: TrafficInput | (() => TrafficInput);
  /** Size of the content as sent (compressed when gzip), for progress; null when unknown. */
  sizeBytes?: number | null;
}

export type ImportPhase = 'reading' | 'writing' | 'done';

export interface ImportProgress {
  fileName: string;
  phase: ImportPhase;
  /** Bytes of the content read so far, as sent (compressed bytes for gzip input). */
  bytes: number;
  totalBytes: number | null;
  /** Records (traffic) or objects (manifests) read so far. */
  records: number;
}

export interface ImportOptions {
  /** A traffic format instead of detection (manifests are still recognised). */
  format?: FormatName;
  /** `ns/name[:port]` for server-side logs that do not name their server (NGINX, application logs). */
  destination?: string;
  /** The user's Envoy access-log format(s), compiled (`readEnvoyLogFormat`), for Envoy/Istio logs in a custom format. */
  envoyFormat?: EnvoyLogFormat;
  /** Fail a traffic file when too many records are bad: a fraction (< 1) or an absolute number (see lib/traffic). */
  badRecordThreshold?: number;
  /** Time for records without one (Linkerd tap); default: now. */
  defaultTime?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting rolls the import back (checked between reading and each write step). */
  signal?: AbortSignal;
  /** Cap on a manifest file's (decompressed) size; default EASTWEST_MAX_MANIFEST_BYTES or 64 MiB. */
  maxManifestBytes?: number;
  /**
   * Classify the snapshot's graph once the files are in and store it (table GraphClassification), so the graph
   * API does not classify on a user's request. Default true; a failure there never fails the import.
   */
  classify?: boolean;
}

/** `kubernetes` for manifest files (inventory and policies), else the traffic format. */
export type ImportFormat = FormatName | 'kubernetes';

export interface ImportCounts {
  read: number;
  imported: number;
  /** Records or objects not counted, by reason: deliberate ones (replies, headers) and rejected ones alike. */
  skipped: Record<string, number>;
  /**
   * Of `read`, the records or objects the user gave that could not be imported because they are broken or
   * invalid, each with a diagnostic: a succeeded file with some is only partly imported, and every surface says so.
   */
  rejected: number;
  [extra: string]: unknown;
}

/**
 * The outcome of one file; the same shape as `ImportResult` in components/import/import-result.ts
 * (the route returns it as is).
 */
export interface FileImportResult {
  jobId: number | null;
  fileName: string;
  status: 'succeeded' | 'failed' | 'duplicate';
  format: ImportFormat | null;
  counts: ImportCounts;
  diagnostics: Diagnostic[];
  message?: string;
}
