import { currentUser } from '@/lib/auth/current-user';
import { hashPassword } from '@/lib/auth/password';
import { newUserSchema } from '@/lib/auth/schemas';
import { createUser, listUsers, recordAudit } from '@/lib/db';
import { handle, parseJsonBody } from '@/lib/server';

export const dynamic = 'force-dynamic';

/** GET: every user (never password hashes). Admins only (lib/auth/permissions.ts). */
export const GET = handle(async () => Response.json({ users: await listUsers() }));

/** POST {username, role, password?, email?}: a user without a password can only sign in through OIDC. */
export const POST = handle(async (request: Request) => {
  const input = await parseJsonBody(request, newUserSchema);
  const user = await createUser({ username: input.username, role: input.role, email: input.email ?? null, passwordHash: input.password ? await hashPassword(input.password) : null });
  const actor = currentUser(request.headers);
  await recordAudit({ actor: actor?.username ?? 'unknown', userId: actor?.id ?? undefined, action: 'user.add', targetType: 'user', targetId: user.username, details: { role: user.role } });
  return Response.json({ user }, { status: 201 });
});
