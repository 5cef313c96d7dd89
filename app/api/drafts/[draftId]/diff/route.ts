import { computeDiff, loadGenerated } from '@/lib/server/drafts';
import { draftIdSchema, simulationModeSchema } from '@/lib/api/drafts';
import { getDraft } from '@/lib/db';
import { handle, parseParams } from '@/lib/server';
import { z } from 'zod';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ draftId: string }> };

const querySchema = z.object({ mode: simulationModeSchema.default('add') });

/** GET /api/drafts/:draftId/diff?mode=add|replace — connections (workload pairs × ports) gained and lost against the current policies. */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { draftId } = await parseParams(params, draftIdSchema);
  const { mode } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { content, generated } = await loadGenerated(await getDraft(draftId));
  return Response.json(computeDiff(content, generated, mode));
});
