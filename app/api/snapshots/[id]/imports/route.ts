import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { fileNameParam, NEW_SNAPSHOT_ID, type ImportResponse } from '@/components/import/import-result';
import { createSnapshotSchema, snapshotIdSchema } from '@/lib/api/snapshots';
import { authorizeRequest } from '@/lib/auth/authorize-request';
import { withSecurityHeaders } from '@/lib/auth/route-gate';
import { assertSnapshotNameFree, getSnapshot, importFiles, importIntoNewSnapshot, type ImportOptions, type ImportUpload } from '@/lib/db';
import { handle, HttpError } from '@/lib/server';
import { envoyFormatParamSchema } from '@/lib/server/envoy-format-param';
import { MultipartError, multipartBoundary, readMultipart } from '@/lib/server/multipart';
import { FORMAT_DESCRIPTIONS, type FormatName } from '@/lib/traffic';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const fileNameSchema = z.string().trim().min(1, 'fileName is empty').max(1024, 'fileName is longer than 1024 characters');

const formatNames = Object.keys(FORMAT_DESCRIPTIONS) as [FormatName, ...FormatName[]];

/** Optional query parameters, as in `eastwest import`: a named traffic format, and the server of server-side logs. */
const optionsSchema = z.object({
  format: z.enum(formatNames).optional(),
  destination: z
    .string()
    .trim()
    .regex(/^[a-z0-9.-]+\/[a-z0-9.-]+(:\d{1,5})?$/, 'expected namespace/name or namespace/name:port')
    .optional(),
  envoyFormat: envoyFormatParamSchema.optional(),
});

/** `POST /api/snapshots/new/imports?name=&cluster=&environment=`: the snapshot to create. */
const newSnapshotSchema = createSnapshotSchema.pick({ name: true, cluster: true, environment: true });

/**
 * POST /api/snapshots/:id/imports — imports files into a snapshot; answers `{ snapshotId, results: ImportResult[] }`
 * (components/import/import-result.ts), one result per file, each with counts and diagnostics.
 *
 * `POST /api/snapshots/new/imports?name=&cluster=&environment=` imports into a new snapshot, created with the
 * first file that imports (lib/db importIntoNewSnapshot): `snapshotId` is its id, or null when no file was
 * imported and so no snapshot was created. A name the cluster already has is a 409 before the body is read.
 *
 * proxy.ts does not run for this route (its matcher leaves it out, so Next does not copy the body into
 * memory); authorizeRequest makes the proxy's checks here, before the body is touched.
 *
 * Two request shapes, both read in constant memory:
 *  - the raw file as the body, named by `?fileName=` (what the import page sends: one request per
 *    file gives per-file upload progress, and the body streams straight into the importer);
 *  - multipart/form-data with one or more file fields (`curl -F file=@flows.json`): parsed as a stream,
 *    each file written to a temporary directory (manifests are imported before traffic, so every file
 *    must be at hand before the first import starts), removed once the import is done.
 * Optional `?format=<traffic format>`, `?destination=<ns/name[:port]>` (NGINX and application logs) and
 * `?envoyFormat=<Envoy access log format>` (Envoy/Istio logs in a custom format, lib/server/envoy-format-param.ts).
 * Problems in a file are data (status + diagnostics, HTTP 200); an unknown snapshot is a 404.
 */
export const POST = withSecurityHeaders(
  handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const gate = await authorizeRequest(request, { upload: true });
    if (!gate.ok) return gate.response;
    const query = new URL(request.url).searchParams;
    const options = optionsSchema.parse({ format: query.get('format') || undefined, destination: query.get('destination') || undefined, envoyFormat: query.get('envoyFormat') || undefined });
    const importUploads = await importerFor(await params, query); // 404 or 409 before reading any upload
    // A client that goes away (tab closed, upload cancelled) rolls its import back.
    const importOptions: ImportOptions = { ...options, signal: request.signal };
    const boundary = multipartBoundary(request.headers.get('content-type'));
    if (!boundary) return Response.json((await importUploads([rawUpload(request)], importOptions)) satisfies ImportResponse);
    const spool = await mkdtemp(path.join(tmpdir(), 'eastwest-upload-'));
    try {
      const uploads = await spoolMultipart(request, boundary, spool);
      return Response.json((await importUploads(uploads, importOptions)) satisfies ImportResponse);
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
  }),
);

type Importer = (uploads: ImportUpload[], options: ImportOptions) => Promise<ImportResponse>;

/** Into the snapshot the path names, or into a new one described by the query (`/api/snapshots/new/imports`). */
async function importerFor(params: unknown, query: URLSearchParams): Promise<Importer> {
  if ((params as { id?: unknown }).id === NEW_SNAPSHOT_ID) {
    const spec = newSnapshotSchema.parse({ name: query.get('name') ?? '', cluster: query.get('cluster') ?? '', environment: query.get('environment') ?? '' });
    await assertSnapshotNameFree(spec);
    return async (uploads, options) => {
      const { snapshot, results } = await importIntoNewSnapshot(spec, uploads, options);
      return { snapshotId: snapshot?.id ?? null, results };
    };
  }
  const { id } = snapshotIdSchema.parse(params);
  const snapshot = await getSnapshot(id);
  return async (uploads, options) => ({ snapshotId: snapshot.id, results: await importFiles(snapshot.id, uploads, options) });
}

function rawUpload(request: Request): ImportUpload {
  const name = fileNameSchema.safeParse(new URL(request.url).searchParams.get(fileNameParam) ?? '');
  if (!name.success) {
    throw new HttpError('bad-request', `Send the file as the body with ?${fileNameParam}=<name>, or as multipart/form-data`, [
      { path: fileNameParam, message: name.error.issues[0]?.message ?? 'invalid' },
    ]);
  }
  if (!request.body) throw new HttpError('bad-request', 'The request has no body');
  const length = Number(request.headers.get('content-length'));
  return { fileName: name.data, content: request.body, sizeBytes: Number.isFinite(length) && length > 0 ? length : null };
}

/** Writes each file part to `dir` as it arrives; plain form fields are skipped. */
async function spoolMultipart(request: Request, boundary: string, dir: string): Promise<ImportUpload[]> {
  if (!request.body) throw new HttpError('bad-request', 'The request has no body');
  const uploads: ImportUpload[] = [];
  try {
    for await (const part of readMultipart(request.body, boundary)) {
      if (part.fileName === null) continue;
      const file = path.join(dir, String(uploads.length));
      await pipeline(Readable.from(part.content), createWriteStream(file), { signal: request.signal });
      const fileName = fileNameSchema.safeParse(part.fileName).data ?? `upload-${uploads.length + 1}`;
      uploads.push({ fileName, content: () => createReadStream(file), sizeBytes: (await stat(file)).size });
    }
  } catch (error) {
    if (error instanceof MultipartError) throw new HttpError('bad-request', `The multipart body could not be read: ${error.message}`);
    throw error;
  }
  if (uploads.length === 0) throw new HttpError('bad-request', 'The multipart body contains no file');
  return uploads;
}
