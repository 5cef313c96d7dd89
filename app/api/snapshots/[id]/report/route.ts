import { z } from 'zod';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { handle, parseParams } from '@/lib/server';
import { fileNameOf, renderSnapshotReport } from '@/components/findings/load-findings';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({ baseline: z.uuid('baseline must be a snapshot id').optional(), download: z.enum(['0', '1']).optional() });

/**
 * GET /api/snapshots/:id/report?baseline=&download=1 — the self-contained HTML report (inline CSS and SVG).
 * `download=1` makes it an attachment; otherwise the browser shows it (and prints it to PDF).
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { snapshot, html } = await renderSnapshotReport(id, query.baseline);
  const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
  if (query.download === '1') headers['Content-Disposition'] = `attachment; filename="${fileNameOf(`eastwest-report-${snapshot.name}`, 'html')}"`;
  return new Response(html, { headers });
});
