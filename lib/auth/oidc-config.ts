import type { Env } from './env';
import { isRole, type Role } from './roles';

/**
 * Single sign-on through any OpenID Connect provider (Keycloak, Dex, Entra ID, Okta, Google...),
 * configured by environment; see SECURITY.md. Off unless issuer, client id and redirect URI are set.
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Must be registered at the provider: https://eastwest.example.com/api/auth/oidc/callback */
  redirectUri: string;
  /** Role of a user created by their first OIDC sign-in; an admin can change it afterwards. */
  defaultRole: Role;
  displayName: string;
  scope: string;
}

export function oidcConfigFromEnv(env: Env = process.env): OidcConfig | null {
  const issuer = env.EASTWEST_OIDC_ISSUER?.trim();
  const clientId = env.EASTWEST_OIDC_CLIENT_ID?.trim();
  const redirectUri = env.EASTWEST_OIDC_REDIRECT_URI?.trim();
  if (!issuer || !clientId || !redirectUri) return null;
  const role = env.EASTWEST_OIDC_DEFAULT_ROLE?.trim();
  return {
    issuer,
    clientId,
    clientSecret: env.EASTWEST_OIDC_CLIENT_SECRET || undefined,
    redirectUri,
    defaultRole: isRole(role) ? role : 'viewer',
    displayName: env.EASTWEST_OIDC_NAME?.trim() || 'single sign-on',
    scope: env.EASTWEST_OIDC_SCOPE?.trim() || 'openid profile email',
  };
}
