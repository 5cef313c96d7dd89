import { createSession, deleteExpiredSessions, deleteSession, getUserCredentials, recordAudit } from '@/lib/db';
import { dummyHash, verifyPassword } from './password';
import { createRateLimiter } from './rate-limit';
import { hashSessionToken, newSessionToken, SESSION_TTL_MS } from './session-token';

/**
 * Without a trusted reverse proxy the app cannot see client addresses (Next's proxy has no
 * request.ip), so sign-in is limited per username and overall; both stop online guessing.
 */
const perUser = createRateLimiter({ limit: Number(process.env.EASTWEST_SIGNIN_PER_MINUTE) || 10, windowMs: 60_000 });
const overall = createRateLimiter({ limit: 10 * (Number(process.env.EASTWEST_SIGNIN_PER_MINUTE) || 10), windowMs: 60_000 });

export type SignInResult =
  | { kind: 'ok'; token: string; expiresAt: Date; user: { id: string; username: string; role: string } }
  | { kind: 'invalid' }
  | { kind: 'rate-limited'; retryAfter: number };

/** Checks a password and opens a session; every attempt is audited (never the password). */
export async function signInWithPassword(username: string, password: string, now = Date.now()): Promise<SignInResult> {
  const key = username.toLowerCase();
  if (!overall.hit('all', now) || !perUser.hit(key, now)) {
    await recordAudit({ actor: username, action: 'signin.rate-limited' });
    return { kind: 'rate-limited', retryAfter: Math.max(perUser.retryAfter(key, now), overall.retryAfter('all', now)) };
  }
  const user = await getUserCredentials(username);
  // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !ok || user.disabled) {
    await recordAudit({ actor: username, userId: user?.id, action: 'signin.failed' });
    return { kind: 'invalid' };
  }
  const session = await openSession(user.id, now);
  await recordAudit({ actor: user.username, userId: user.id, action: 'signin', details: { method: 'password' } });
  return { kind: 'ok', ...session, user: { id: user.id, username: user.username, role: user.role } };
}

export async function openSession(userId: string, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now + SESSION_TTL_MS);
  await deleteExpiredSessions(new Date(now)); // housekeeping at the only moment sessions are added (indexed on expiresAt)
  await createSession(userId, hashSessionToken(token), expiresAt);
  return { token, expiresAt };
}

export async function signOut(token: string | undefined, actor: string | null): Promise<void> {
  if (token) await deleteSession(hashSessionToken(token));
  if (actor) await recordAudit({ actor, action: 'signout' });
}
