import { z } from 'zod';
import { fileNameParam, type ImportResponse } from '@/components/import/import-result';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { getSnapshot, importFiles, type ImportUpload } from '@/lib/db';
import { handle, HttpError, parseParams } from '@/lib/server';
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
});

/**
 * POST /api/snapshots/:id/imports — imports files into a snapshot; answers `{ results: ImportResult[] }`
 * (components/import/import-result.ts), one result per file, each with counts and diagnostics.
 *
 * Two request shapes:
 *  - the raw file as the body, named by `?fileName=` (what the import page sends: one request per
 *    file gives per-file upload progress, and the body streams into the importer);
 *  - multipart/form-data with one or more file fields (`curl -F file=@flows.json`; buffered by the runtime).
 * Optional `?format=<traffic format>` and `?destination=<ns/name[:port]>` (NGINX and application logs).
 * Problems in a file are data (status + diagnostics, HTTP 200); an unknown snapshot is a 404.
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const query = new URL(request.url).searchParams;
  const options = optionsSchema.parse({ format: query.get('format') || undefined, destination: query.get('destination') || undefined });
  const snapshot = await getSnapshot(id); // 404 before reading any upload
  const uploads = await readUploads(request);
  // A client that goes away (tab closed, upload cancelled) rolls its import back.
  const results = await importFiles(snapshot.id, uploads, { ...options, signal: request.signal });
  return Response.json({ results } satisfies ImportResponse);
});

async function readUploads(request: Request): Promise<ImportUpload[]> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await request.formData().catch(() => {
      throw new HttpError('bad-request', 'The multipart body could not be read');
    });
    const files = [...form.values()].filter((v): v is File => typeof v !== 'string');
    if (files.length === 0) throw new HttpError('bad-request', 'The multipart body contains no file');
    return files.map((f) => ({ fileName: f.name, content: f.stream(), sizeBytes: f.size }));
  }
  const name = fileNameSchema.safeParse(new URL(request.url).searchParams.get(fileNameParam) ?? '');
  if (!name.success) {
    throw new HttpError('bad-request', `Send the file as the body with ?${fileNameParam}=<name>, or as multipart/form-data`, [
      { path: fileNameParam, message: name.error.issues[0]?.message ?? 'invalid' },
    ]);
  }
  if (!request.body) throw new HttpError('bad-request', 'The request has no body');
  const length = Number(request.headers.get('content-length'));
  return [{ fileName: name.data, content: request.body, sizeBytes: Number.isFinite(length) && length > 0 ? length : null }];
}
