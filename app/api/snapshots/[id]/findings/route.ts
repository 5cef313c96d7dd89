import { snapshotIdSchema } from '@/lib/api/snapshots';
import { toFindingsJson } from '@/lib/findings';
import { handle, parseParams, toSnapshotJson } from '@/lib/server';
import { loadFindings } from '@/components/findings/load-findings';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/** GET /api/snapshots/:id/findings — API inventory, sensitivity, environments and their leaks, riskiest workloads. */
export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const { snapshot, findings } = await loadFindings(id);
  return Response.json({ snapshot: toSnapshotJson(snapshot), ...toFindingsJson(findings) });
});
