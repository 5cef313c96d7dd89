import { z } from 'zod';
import { fileNameParam, type ImportResponse } from '@/components/import/import-result';

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
 *  - multipart/form-data with one or more file fields (curl -F file=@flows.json; buffered by the runtime).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const uploads = await readUploads(request);
  if (!uploads.ok) return Response.json({ error: uploads.message }, { status: 400 });
  // TODO(lib/db): call the snapshot importer for each upload once lib/db provides it, e.g.
  //   results.push(await importFile(id, upload))
  // Until then the endpoint says so instead of pretending to import.
  const body: { error: string } | ImportResponse = {
    error: `Importing files into snapshot ${id} is not available in this build yet (${uploads.value.map((u) => u.fileName).join(', ')}).`,
  };
  return Response.json(body, { status: 501 });
}

async function readUploads(request: Request): Promise<{ ok: true; value: Upload[] } | { ok: false; message: string }> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return { ok: false, message: 'The multipart body could not be read.' };
    }
    const files = [...form.values()].filter((v): v is File => typeof v !== 'string');
    if (files.length === 0) return { ok: false, message: 'The multipart body contains no file.' };
    return { ok: true, value: files.map((f) => ({ fileName: f.name, content: f.stream(), sizeBytes: f.size })) };
  }
  const name = fileNameSchema.safeParse(new URL(request.url).searchParams.get(fileNameParam) ?? '');
  if (!name.success) return { ok: false, message: `Send the file as the body with ?${fileNameParam}=<name>, or as multipart/form-data: ${name.error.issues[0]?.message}` };
  if (!request.body) return { ok: false, message: 'The request has no body.' };
  const length = Number(request.headers.get('content-length'));
  return { ok: true, value: [{ fileName: name.data, content: request.body, sizeBytes: Number.isFinite(length) && length > 0 ? length : null }] };
}
