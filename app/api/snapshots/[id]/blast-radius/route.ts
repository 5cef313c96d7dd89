import { blastRadiusQuerySchema } from '@/lib/api/blast-radius';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { prepareBlastRadius, UnknownWorkloadError } from '@/lib/graph';
import { listCrownJewels, loadSnapshotEngine } from '@/lib/db';
import { sensitivityRulesFromEnv, handle, toCrownJewelNames, HttpError, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/snapshots/:id/blast-radius?start=ns/a,ns/b&direction=blast|exposure&maxHops&observedOnly&pivotThroughInfra&crownJewels
 * What the compromised workloads reach (or who reaches the targets), hop by hop, potential vs actual. Shared
 * infrastructure is reached but not walked on from (`notTraversed`) unless `pivotThroughInfra`.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const query = blastRadiusQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const engine = await loadSnapshotEngine(id);
  const stored = toCrownJewelNames(await listCrownJewels(id));
  const prepared = prepareBlastRadius({ inventory: engine.inventory, evaluator: engine.evaluator, edges: engine.edges, sensitivityRules: sensitivityRulesFromEnv(), crownJewelTags: [...stored, ...query.crownJewels] });
  try {
    return Response.json(prepared.query({ direction: query.direction, start: query.start, ...(query.maxHops ? { maxHops: query.maxHops } : {}), observedOnly: query.observedOnly, pivotThroughInfra: query.pivotThroughInfra }));
  } catch (e) {
    if (e instanceof UnknownWorkloadError) throw new HttpError('bad-request', e.message);
    throw e;
  }
});
