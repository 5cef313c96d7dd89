import { computeWhatIf, loadGenerated } from '@/lib/server/drafts';
import { draftIdSchema, whatIfQuerySchema } from '@/lib/api/drafts';
import { getDraft } from '@/lib/db';
import { handle, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ draftId: string }> };

/**
 * GET /api/drafts/:draftId/what-if?mode=add|replace&limit=8&pivotThroughInfra — the snapshot's observed traffic
 * re-evaluated under current + draft (or the draft replacing current): what would break, what gets blocked, and
 * the blast radius of the riskiest workloads before and after (not walking on from shared infrastructure unless
 * `pivotThroughInfra`).
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { draftId } = await parseParams(params, draftIdSchema);
  const query = whatIfQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const draft = await getDraft(draftId);
  const { content, generated } = await loadGenerated(draft);
  return Response.json(computeWhatIf(draft, content, generated, query));
});
