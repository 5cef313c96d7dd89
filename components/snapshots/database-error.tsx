import { EmptyState } from '@/components/ui/empty-state';

/** Shown when the database cannot be read: what failed, and how to fix it. */
export function DatabaseError({ message }: { message: string }) {
  return (
    <EmptyState tone="error" title="The database could not be read">
      <p className="font-mono text-xs text-rose-800">{message}</p>
      <p>
        Start Eastwest with <code className="rounded bg-white px-1 py-0.5 font-mono text-xs">npm start</code>, which runs an embedded
        PostgreSQL when <code className="rounded bg-white px-1 py-0.5 font-mono text-xs">DATABASE_URL</code> is unset, or point{' '}
        <code className="rounded bg-white px-1 py-0.5 font-mono text-xs">DATABASE_URL</code> at a reachable PostgreSQL server and reload.
      </p>
    </EmptyState>
  );
}
