import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { isAuthRequired } from '@/lib/auth/auth-mode';
import { currentUser } from '@/lib/auth/current-user';
import { oidcConfigFromEnv } from '@/lib/auth/oidc-config';
import { safeNextPath } from '@/lib/auth/safe-redirect';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { LoginForm, SignOutButton } from './login-client';

export const metadata: Metadata = { title: 'Sign in' };
// Reads the session the proxy resolved; never prerendered (and the CSP nonce needs a dynamic render).
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === 'string' ? params.next : null);
  const user = currentUser(await headers());
  const required = isAuthRequired();
  const oidc = oidcConfigFromEnv();
  const error = typeof params.error === 'string' ? params.error : null;
  return (
    <>
      <PageHeader title="Sign in" description={required ? 'Eastwest holds a map of every path through your cluster: sign in to see it.' : 'Sign-in is off: Eastwest listens on localhost only and you are the local user.'} />
      <PageBody>
        <div className="max-w-sm space-y-4">
          {user && required ? (
            <div className="space-y-3 text-sm text-slate-700">
              <p>
                Signed in as <strong>{user.username}</strong> ({user.role}).
              </p>
              <SignOutButton />
            </div>
          ) : null}
          {required && !user ? (
            <>
              {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
              <LoginForm next={next} />
              {oidc ? (
                <a className="block text-sm text-brand-700 underline" href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}>
                  Sign in with {oidc.displayName}
                </a>
              ) : null}
            </>
          ) : null}
        </div>
      </PageBody>
    </>
  );
}
