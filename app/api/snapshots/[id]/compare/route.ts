import { z } from 'zod';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { handle, parseParams, toSnapshotJson } from '@/lib/server';
import { loadComparison } from '@/components/findings/load-findings';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({
  baseline: z.uuid('baseline must be a snapshot id').optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/**
 * GET /api/snapshots/:id/compare?baseline=<snapshot id>&from&to — this snapshot (its traffic in [from, to]) against
 * the given baseline (default: its cluster's marked baseline): new callers, new/gone edges, semantic policy
 * changes, blast-radius changes.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const window = { ...(query.from ? { from: new Date(query.from).toISOString() } : {}), ...(query.to ? { to: new Date(query.to).toISOString() } : {}) };
  const { current, baseline, comparison } = await loadComparison(id, query.baseline, window);
  return Response.json({ current: toSnapshotJson(current), baseline: toSnapshotJson(baseline), comparison });
});
