import { riskQuerySchema } from '@/lib/api/blast-radius';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { prepareBlastRadius } from '@/lib/graph';
import { listCrownJewels, loadSnapshotEngine } from '@/lib/db';
import { sensitivityRulesFromEnv, handle, toCrownJewelNames, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/snapshots/:id/riskiest?limit=10&observedOnly&pivotThroughInfra — the workloads with the largest blast
 * radius; shared infrastructure (DNS, mesh control plane, API server) counts as reached but is walked on from
 * only with `pivotThroughInfra`.
 * `crownJewelsReached` counts tagged crown jewels and the services seen answering sensitive paths;
 * `suggestedCrownJewels` names the latter (not yet confirmed by a tag or label rule).
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const query = riskQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const engine = await loadSnapshotEngine(id);
  const crownJewelTags = toCrownJewelNames(await listCrownJewels(id));
  const prepared = prepareBlastRadius({ inventory: engine.inventory, evaluator: engine.evaluator, edges: engine.edges, sensitivityRules: sensitivityRulesFromEnv(), crownJewelTags });
  return Response.json({ workloads: prepared.workloads.length, riskiest: prepared.riskiest(query), sensitivity: prepared.sensitivity, suggestedCrownJewels: [...prepared.suggestedCrownJewels] });
});
