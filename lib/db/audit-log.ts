import { getPrisma } from './client';
import { toJson } from './json';
import type { Tx } from './transaction';

/** One audit entry (issue 10): who did what to which object. Never put secrets or uploaded content in `details`. */
export interface AuditEntry {
  /** Username at the time, or `cli` / `system`. */
  actor: string;
  /** `import`, `export`, `draft.create`, `snapshot.delete`, `user.add`, `signin`, ... */
  action: string;
  targetType?: string;
  targetId?: string;
  userId?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Pick<AuditEntry, 'actor' | 'action'>> {
  id: string;
  at: Date;
  targetType: string | null;
  targetId: string | null;
  userId: string | null;
  details: Record<string, unknown>;
}

/** Pass the transaction that does the change, so the entry commits (or rolls back) with it. */
export async function recordAudit(entry: AuditEntry, db: Tx = getPrisma()): Promise<void> {
  await db.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      userId: entry.userId ?? null,
      details: toJson(entry.details ?? {}),
    },
  });
}

/** Newest first; `before` (an id from a previous page) pages backwards. */
export async function listAuditLog(options: { limit?: number; before?: string } = {}, db: Tx = getPrisma()): Promise<AuditRecord[]> {
  const rows = await db.auditLog.findMany({
    where: options.before ? { id: { lt: BigInt(options.before) } } : {},
    orderBy: { id: 'desc' },
    take: Math.min(Math.max(options.limit ?? 100, 1), 1000),
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    actor: r.actor,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    userId: r.userId,
    details: r.details as Record<string, unknown>,
  }));
}
