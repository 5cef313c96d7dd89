import type { AuditRecord } from '@/lib/db';

const COLUMNS = ['id', 'at', 'actor', 'action', 'targetType', 'targetId', 'userId', 'details'] as const;

/**
 * RFC 4180 CSV. Cells starting with = + - @ (or tab/CR) are prefixed with ' so a spreadsheet does
 * not run them as formulas (https://owasp.org/www-community/attacks/CSV_Injection): actors and
 * paths come from users.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toAuditCsv(records: readonly AuditRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of records) {
    const row = [r.id, r.at.toISOString(), r.actor, r.action, r.targetType ?? '', r.targetId ?? '', r.userId ?? '', JSON.stringify(r.details)];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
