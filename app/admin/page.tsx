import type { Metadata } from 'next';
import { Card, CardHeader } from '@/components/ui/card';
import { PageBody } from '@/components/ui/page-body';
import { PageHeader } from '@/components/ui/page-header';
import { isAuthRequired } from '@/lib/auth/auth-mode';
import { listAuditLog, listUsers } from '@/lib/db';
import { AddUserForm, UserRow } from './admin-client';

export const metadata: Metadata = { title: 'Admin' };
// Admins only (lib/auth/permissions.ts, enforced in proxy.ts); always read fresh from the database.
export const dynamic = 'force-dynamic';

const cell = 'px-3 py-2 text-left align-top';

export default async function AdminPage() {
  const [users, audit] = await Promise.all([listUsers(), listAuditLog({ limit: 200 })]);
  return (
    <>
      <PageHeader
        title="Admin"
        description={isAuthRequired() ? 'Users, roles and the audit log.' : 'Sign-in is off (localhost only): users take effect once EASTWEST_AUTH is set or Eastwest listens beyond localhost.'}
      />
      <PageBody>
        <Card>
          <CardHeader title={`${users.length} user${users.length === 1 ? '' : 's'}`} description="Viewers read graphs; editors import and draft; admins manage users, delete snapshots and read this log." />
          <table className="w-full text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className={cell}>User</th>
                <th className={cell}>Sign-in</th>
                <th className={cell}>Role</th>
                <th className={cell}>Status</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow key={u.id} user={{ id: u.id, username: u.username, role: u.role, disabled: u.disabled, oidc: u.oidcIssuer !== null }} />
              ))}
            </tbody>
          </table>
          <div className="border-t border-slate-100 px-5 py-4">
            <AddUserForm />
          </div>
        </Card>
        <Card>
          <CardHeader
            title="Audit log"
            description="Who imported, exported, drafted, deleted what and when; newest first."
            actions={
              <div className="flex gap-3 text-sm">
                <a className="text-brand-700 underline" href="/api/admin/audit?format=csv&limit=1000" download>
                  Export CSV
                </a>
                <a className="text-brand-700 underline" href="/api/admin/audit?format=json&limit=1000" download>
                  Export JSON
                </a>
              </div>
            }
          />
          <table className="w-full text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className={cell}>When</th>
                <th className={cell}>Who</th>
                <th className={cell}>Action</th>
                <th className={cell}>Target</th>
                <th className={cell}>Details</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((e) => (
                <tr key={e.id} className="border-t border-slate-100">
                  <td className={`${cell} whitespace-nowrap font-mono text-xs`}>{e.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
                  <td className={cell}>{e.actor}</td>
                  <td className={cell}>{e.action}</td>
                  <td className={`${cell} break-all font-mono text-xs`}>{e.targetId ?? ''}</td>
                  <td className={`${cell} break-all font-mono text-xs`}>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </PageBody>
    </>
  );
}
