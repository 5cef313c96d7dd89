import { z } from 'zod';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { handle, parseParams, toSnapshotJson } from '@/lib/server';
import { loadComparison } from '@/components/findings/load-findings';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({ baseline: z.uuid('baseline must be a snapshot id').optional() });

/**
 * GET /api/snapshots/:id/compare?baseline=<snapshot id> — this snapshot against the given baseline (default: its
 * cluster's marked baseline): new callers, new/gone edges, semantic policy changes, blast-radius changes.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { current, baseline, comparison } = await loadComparison(id, query.baseline);
  return Response.json({ current: toSnapshotJson(current), baseline: toSnapshotJson(baseline), comparison });
});
