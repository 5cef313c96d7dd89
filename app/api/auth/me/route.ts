import { isAuthRequired } from '@/lib/auth/auth-mode';
import { currentUser } from '@/lib/auth/current-user';
import { handle } from '@/lib/server';

export const dynamic = 'force-dynamic';

/** GET: who is signed in (null when nobody), and whether sign-in is on. Public, so the sign-in page can call it. */
export const GET = handle(async (request: Request) => {
  const user = currentUser(request.headers);
  return Response.json({ authRequired: isAuthRequired(), user: user ? { username: user.username, role: user.role } : null });
});
