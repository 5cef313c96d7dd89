import { apiErrorSchema } from '@/lib/api/errors';
import { fileNameParam, importResponseSchema, importUrl, NEW_SNAPSHOT_ID, type ImportResult } from './import-result';
import type { NewSnapshot } from './snapshot-target';

export type UploadProgress = { loaded: number; total: number };

/** An existing snapshot, or a new one the server creates with the first file that imports. */
export type UploadTarget = { snapshotId: string } | { newSnapshot: NewSnapshot };

/** The file's result, and the snapshot it went into (null: a new snapshot that this file did not create). */
export type UploadOutcome = { result: ImportResult; snapshotId: string | null };

/**
 * Uploads one file as the raw request body, so the server can stream it without buffering.
 * XMLHttpRequest, not fetch: only XHR reports upload progress in today's browsers.
 * https://developer.mozilla.org/en-US/docs/Web/API/XMLHttpRequest/upload
 */
export function uploadFile(
  target: UploadTarget,
  file: File,
  path: string,
  onProgress: (progress: UploadProgress) => void,
  options: { destination?: string; envoyFormat?: string; signal?: AbortSignal } = {},
): Promise<UploadOutcome> {
  const query = new URLSearchParams({ [fileNameParam]: path });
  if ('newSnapshot' in target) for (const key of ['name', 'cluster', 'environment'] as const) query.set(key, target.newSnapshot[key].trim());
  if (options.destination) query.set('destination', options.destination);
  if (options.envoyFormat) query.set('envoyFormat', options.envoyFormat);
  const { signal } = options;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${importUrl('newSnapshot' in target ? NEW_SNAPSHOT_ID : target.snapshotId)}?${query.toString()}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onerror = () => reject(new Error('The upload failed: the server could not be reached.'));
    xhr.onabort = () => reject(new Error('The upload was cancelled.'));
    xhr.onload = () => {
      try {
        resolve(parseResponse(xhr.status, xhr.responseText, path, target));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function parseResponse(status: number, text: string, path: string, target: UploadTarget): UploadOutcome {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`The server answered ${status} without a JSON body.`);
  }
  const parsed = importResponseSchema.safeParse(body);
  if (parsed.success && parsed.data.results[0]) {
    const snapshotId = parsed.data.snapshotId ?? ('snapshotId' in target ? target.snapshotId : null);
    return { result: { ...parsed.data.results[0], fileName: path }, snapshotId };
  }
  throw new Error(errorMessage(body) ?? `The server answered ${status} with an unexpected body.`);
}

/** The message of an API error body (lib/api/errors.ts), with its validation issues. */
export function errorMessage(body: unknown): string | undefined {
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { message, issues } = parsed.data.error;
  return issues?.length ? `${message}: ${issues.map((i) => (i.path ? `${i.path} ${i.message}` : i.message)).join('; ')}` : message;
}
