import { exportFileName, loadGenerated } from '@/lib/server/drafts';
import { draftIdSchema, exportQuerySchema } from '@/lib/api/drafts';
import { getDraft } from '@/lib/db';
import { renderZip } from '@/lib/draft';
import { handle, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ draftId: string }> };

/**
 * GET /api/drafts/:draftId/export?format=yaml|zip — a download: one multi-document YAML, or a zip with one
 * file per namespace and a kustomization.yaml. Regenerated from the snapshot, byte-identical for the same input.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { draftId } = await parseParams(params, draftIdSchema);
  const { format } = exportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const draft = await getDraft(draftId);
  const { generated } = await loadGenerated(draft);
  const disposition = `attachment; filename="${exportFileName(draft, format)}"`;
  if (format === 'zip') {
    const zip = renderZip(generated.documents);
    return new Response(zip.slice().buffer, { headers: { 'Content-Type': 'application/zip', 'Content-Disposition': disposition, 'Cache-Control': 'no-store' } });
  }
  return new Response(generated.yaml, { headers: { 'Content-Type': 'application/yaml; charset=utf-8', 'Content-Disposition': disposition, 'Cache-Control': 'no-store' } });
});
