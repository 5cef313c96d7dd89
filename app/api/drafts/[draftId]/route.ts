import { generateFromRecord, loadGenerated, toDraftDetailJson } from '@/lib/server/drafts';
import { draftIdSchema, updateDraftSchema } from '@/lib/api/drafts';
import { deleteDraft, getDraft, loadSnapshotContent, updateDraft } from '@/lib/db';
import { handle, parseJsonBody, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ draftId: string }> };

/** GET /api/drafts/:draftId — the draft and what it generates today (YAML, grants, excluded edges, diagnostics). */
export const GET = handle(async (_request: Request, { params }: Context) => {
  const { draftId } = await parseParams(params, draftIdSchema);
  const draft = await getDraft(draftId);
  const { generated } = await loadGenerated(draft);
  return Response.json(toDraftDetailJson(draft, generated));
});

/** PATCH /api/drafts/:draftId { name?, scope?, kinds?, decisions? } — regenerates and stores the YAML. */
export const PATCH = handle(async (request: Request, { params }: Context) => {
  const { draftId } = await parseParams(params, draftIdSchema);
  const body = await parseJsonBody(request, updateDraftSchema);
  const current = await getDraft(draftId);
  const next = { scope: body.scope ?? current.scope, kinds: body.kinds ?? current.kinds, decisions: body.decisions ?? current.decisions };
  const generated = generateFromRecord(next, await loadSnapshotContent(current.snapshotId));
  const draft = await updateDraft(draftId, { ...next, ...(body.name !== undefined ? { name: body.name } : {}), yaml: generated.yaml });
  return Response.json(toDraftDetailJson(draft, generated));
});

/** DELETE /api/drafts/:draftId — 204. */
export const DELETE = handle(async (_request: Request, { params }: Context) => {
  const { draftId } = await parseParams(params, draftIdSchema);
  await deleteDraft(draftId);
  return new Response(null, { status: 204 });
});
