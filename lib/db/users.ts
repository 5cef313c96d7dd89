import type * as Rows from './generated/client';
import { getPrisma } from './client';
import { conflict, isUniqueViolation, notFound } from './errors';
import type { Tx } from './transaction';

export type UserRole = 'viewer' | 'editor' | 'admin';

/** A user as the app sees it: never the password hash. */
export interface UserInfo {
  id: string;
  username: string;
  email: string | null;
  role: UserRole;
  disabled: boolean;
  oidcIssuer: string | null;
  createdAt: Date;
}

export interface NewUser {
  username: string;
  role: UserRole;
  passwordHash?: string | null;
  email?: string | null;
  oidcIssuer?: string;
  oidcSubject?: string;
}

function toUserInfo(row: Rows.User): UserInfo {
  return { id: row.id, username: row.username, email: row.email, role: row.role, disabled: row.disabled, oidcIssuer: row.oidcIssuer, createdAt: row.createdAt };
}

export async function createUser(user: NewUser, db: Tx = getPrisma()): Promise<UserInfo> {
  try {
    const row = await db.user.create({
      data: {
        username: user.username,
        role: user.role,
        passwordHash: user.passwordHash ?? null,
        email: user.email ?? null,
        oidcIssuer: user.oidcIssuer ?? null,
        oidcSubject: user.oidcSubject ?? null,
      },
    });
    return toUserInfo(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`user "${user.username}" already exists`);
    throw error;
  }
}

export async function listUsers(db: Tx = getPrisma()): Promise<UserInfo[]> {
  return (await db.user.findMany({ orderBy: { username: 'asc' } })).map(toUserInfo);
}

/** For sign-in only: the one function that returns the hash. */
export async function getUserCredentials(username: string, db: Tx = getPrisma()): Promise<(UserInfo & { passwordHash: string | null }) | null> {
  const row = await db.user.findUnique({ where: { username } });
  return row ? { ...toUserInfo(row), passwordHash: row.passwordHash } : null;
}

export async function updateUser(id: string, change: { role?: UserRole; disabled?: boolean; passwordHash?: string }, db: Tx = getPrisma()): Promise<UserInfo> {
  const existing = await db.user.findUnique({ where: { id } });
  if (!existing) throw notFound(`user ${id}`);
  const row = await db.user.update({ where: { id }, data: change });
  // A disabled user or a changed password ends every open session.
  if (change.disabled || change.passwordHash || (change.role && change.role !== existing.role)) await db.session.deleteMany({ where: { userId: id } });
  return toUserInfo(row);
}

export async function countActiveAdmins(db: Tx = getPrisma()): Promise<number> {
  return db.user.count({ where: { role: 'admin', disabled: false } });
}

/** The user for an OIDC identity, created as `role` on first sign-in; the username falls back to issuer-scoped subject. */
export async function findOrCreateOidcUser(identity: { issuer: string; subject: string; username: string; email?: string | null }, role: UserRole, db: Tx = getPrisma()): Promise<UserInfo> {
  const found = await db.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: identity.issuer, oidcSubject: identity.subject } } });
  if (found) return toUserInfo(found);
  return createUser({ username: identity.username, role, email: identity.email ?? null, oidcIssuer: identity.issuer, oidcSubject: identity.subject }, db);
}

export async function createSession(userId: string, tokenHash: string, expiresAt: Date, db: Tx = getPrisma()): Promise<void> {
  await db.session.create({ data: { userId, tokenHash, expiresAt } });
}

/** The signed-in user for a session token's hash, or null when unknown, expired or disabled. */
export async function getSessionUser(tokenHash: string, now = new Date(), db: Tx = getPrisma()): Promise<{ id: string; username: string; role: UserRole } | null> {
  const session = await db.session.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!session || session.expiresAt <= now || session.user.disabled) return null;
  return { id: session.user.id, username: session.user.username, role: session.user.role };
}

export async function deleteSession(tokenHash: string, db: Tx = getPrisma()): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash } });
}

export async function deleteExpiredSessions(now = new Date(), db: Tx = getPrisma()): Promise<number> {
  return (await db.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
