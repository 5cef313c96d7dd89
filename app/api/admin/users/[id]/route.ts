import { z } from 'zod';
import { currentUser } from '@/lib/auth/current-user';
import { hashPassword } from '@/lib/auth/password';
import { userChangeSchema } from '@/lib/auth/schemas';
import { countActiveAdmins, getPrisma, recordAudit, updateUser } from '@/lib/db';
import { handle, HttpError, parseJsonBody, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.uuid() });

/** PATCH {role?, disabled?, password?}: refuses to demote or disable the last active admin. */
export const PATCH = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await parseParams(params, paramsSchema);
  const change = await parseJsonBody(request, userChangeSchema);
  const user = await getPrisma().$transaction(async (tx) => {
    const updated = await updateUser(id, { role: change.role, disabled: change.disabled, passwordHash: change.password ? await hashPassword(change.password) : undefined }, tx);
    if ((await countActiveAdmins(tx)) === 0) throw new HttpError('conflict', 'Eastwest needs at least one active admin');
    return updated;
  });
  const actor = currentUser(request.headers);
  const details = { ...(change.role ? { role: change.role } : {}), ...(change.disabled !== undefined ? { disabled: change.disabled } : {}), ...(change.password ? { passwordChanged: true } : {}) };
  await recordAudit({ actor: actor?.username ?? 'unknown', userId: actor?.id ?? undefined, action: 'user.change', targetType: 'user', targetId: user.username, details });
  return Response.json({ user });
});
