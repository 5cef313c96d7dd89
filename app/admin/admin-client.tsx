'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';

type Role = 'viewer' | 'editor' | 'admin';
const ROLES: Role[] = ['viewer', 'editor', 'admin'];
const field = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm';

async function send(url: string, method: string, body: unknown): Promise<string | null> {
  const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
  if (res?.ok) return null;
  const json = (await res?.json().catch(() => null)) as { error?: { message?: string; issues?: { path: string; message: string }[] } } | null;
  const issues = json?.error?.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
  return issues || json?.error?.message || 'the request failed';
}

export function UserRow({ user }: { user: { id: string; username: string; role: Role; disabled: boolean; oidc: boolean } }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const change = async (body: Record<string, unknown>) => {
    setError(await send(`/api/admin/users/${user.id}`, 'PATCH', body));
    router.refresh();
  };
  return (
    <tr className="border-t border-slate-100">
      <td className="px-3 py-2">{user.username}</td>
      <td className="px-3 py-2 text-slate-500">{user.oidc ? 'single sign-on' : 'password'}</td>
      <td className="px-3 py-2">
        <select aria-label={`Role of ${user.username}`} className={field} value={user.role} onChange={(e) => void change({ role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td className="px-3 py-2">
        <Button variant="ghost" onClick={() => void change({ disabled: !user.disabled })}>
          {user.disabled ? 'Disabled — enable' : 'Active — disable'}
        </Button>
        {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
      </td>
    </tr>
  );
}

export function AddUserForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const password = String(form.get('password') ?? '');
    const problem = await send('/api/admin/users', 'POST', { username: form.get('username'), role: form.get('role'), ...(password ? { password } : {}) });
    setError(problem);
    if (!problem) {
      formElement.reset();
      router.refresh();
    }
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Add a user">
      <input name="username" placeholder="username" required className={field} aria-label="Username" />
      <input name="password" type="password" placeholder="password (12+; empty for SSO only)" autoComplete="new-password" className={`${field} w-72`} aria-label="Password" />
      <select name="role" defaultValue="viewer" className={field} aria-label="Role">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <Button type="submit">Add user</Button>
      {error ? <p role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
    </form>
  );
}
