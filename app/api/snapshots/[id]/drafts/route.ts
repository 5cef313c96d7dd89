import { defaultDraftName, generateFromRecord, toDraftDetailJson, toDraftJson } from '@/lib/server/drafts';
import { createDraftSchema } from '@/lib/api/drafts';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { createDraft, listDrafts, loadSnapshotContent } from '@/lib/db';
import { handle, parseJsonBody, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/** GET /api/snapshots/:id/drafts — the snapshot's drafts, most recently changed first. */
export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  return Response.json({ drafts: (await listDrafts(id)).map(toDraftJson) });
});

/** POST /api/snapshots/:id/drafts { name?, scope, kinds?, decisions? } — generates and stores a draft (201). */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const body = await parseJsonBody(request, createDraftSchema);
  const content = await loadSnapshotContent(id);
  const decisions = body.decisions ?? [];
  const generated = generateFromRecord({ scope: body.scope, kinds: body.kinds, decisions }, content);
  const draft = await createDraft({ snapshotId: id, name: body.name ?? defaultDraftName(body.scope), scope: body.scope, kinds: body.kinds, decisions, yaml: generated.yaml });
  return Response.json(toDraftDetailJson(draft, generated), { status: 201 });
});
