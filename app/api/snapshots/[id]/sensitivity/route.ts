import { snapshotIdSchema } from '@/lib/api/snapshots';
import { classifySnapshotSensitivity } from '@/lib/graph';
import { listCrownJewels, loadSnapshotContent } from '@/lib/db';
import { sensitivityRulesFromEnv, handle, toCrownJewelNames, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/snapshots/:id/sensitivity — crown jewels and sensitive services with their reasons: the same
 * computation (and inputs: stored tags, `EASTWEST_CROWN_JEWEL_LABELS`, observed paths) as Findings and the
 * blast-radius report, for the graph's node panel.
 */
export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const [content, tags] = await Promise.all([loadSnapshotContent(id), listCrownJewels(id)]);
  return Response.json({ sensitivity: classifySnapshotSensitivity({ inventory: content.inventory, edges: content.edges, crownJewelTags: toCrownJewelNames(tags), rules: sensitivityRulesFromEnv() }) });
});
