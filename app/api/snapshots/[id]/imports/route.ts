import { z } from 'zod';
import { fileNameParam, type ImportResponse } from '@/components/import/import-result';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { getSnapshot, importFiles } from '@/lib/db';
import { handle, HttpError, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** One uploaded file, still streaming: the importer reads it once, without buffering it whole. */
type Upload = { fileName: string; content: ReadableStream<Uint8Array>; sizeBytes: number | null };

const fileNameSchema = z.string().trim().min(1, 'fileName is empty').max(1024, 'fileName is longer than 1024 characters');

/**
 * POST /api/snapshots/:id/imports — imports files into a snapshot; answers `{ results: ImportResult[] }`
 * (components/import/import-result.ts), one result per file, each with counts and diagnostics.
 *
 * Two request shapes:
 *  - the raw file as the body, named by `?fileName=` (what the import page sends: one request per
 *    file gives per-file upload progress, and the body streams into the importer);
 *  - multipart/form-data with one or more file fields (`curl -F file=@flows.json`; buffered by the runtime).
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const snapshot = await getSnapshot(id); // 404 before reading any upload
  const uploads = await readUploads(request);
  const results = await importFiles(snapshot.id, uploads);
  return Response.json({ results } satisfies ImportResponse);
});

async function readUploads(request: Request): Promise<Upload[]> {
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
