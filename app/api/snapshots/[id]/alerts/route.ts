import { z } from 'zod';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { buildAlertRules, renderAlertRules } from '@/lib/findings';
import { handle, parseParams } from '@/lib/server';
import { fileNameOf, loadAnalyzed } from '@/components/findings/load-findings';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).optional(),
  release: z.string().max(63).optional(),
});

/**
 * GET /api/snapshots/:id/alerts?namespace=monitoring&release=prometheus — a PrometheusRule (YAML) with this
 * snapshot as the baseline of known callers. `release` sets the `release` label most operator installs select on.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { snapshot, analyzed } = await loadAnalyzed(id);
  const rule = buildAlertRules({ graph: analyzed.graph, ...(query.namespace ? { namespace: query.namespace } : {}), ...(query.release ? { labels: { release: query.release } } : {}) });
  return new Response(renderAlertRules(rule), {
    headers: { 'Content-Type': 'application/yaml; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileNameOf(`eastwest-alerts-${snapshot.name}`, 'yaml')}"` },
  });
});
