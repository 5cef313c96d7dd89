import { findOrCreateOidcUser, recordAudit } from '@/lib/db';
import type { OidcIdentity } from './oidc';
import type { Role } from './roles';
import { openSession } from './signin';

/** The Eastwest user for a verified OIDC identity (created on first sign-in), with a new session. */
export async function signInWithOidc(identity: OidcIdentity, defaultRole: Role): Promise<{ token: string; expiresAt: Date } | { refused: string }> {
  const user = await findOrCreateOidcUser(identity, defaultRole);
  if (user.disabled) {
    await recordAudit({ actor: user.username, userId: user.id, action: 'signin.failed', details: { method: 'oidc', reason: 'disabled' } });
    return { refused: 'this account is disabled' };
  }
  const session = await openSession(user.id);
  await recordAudit({ actor: user.username, userId: user.id, action: 'signin', details: { method: 'oidc', issuer: identity.issuer } });
  return session;
}
