import { z } from 'zod';
import { toAuditCsv } from '@/lib/auth/audit-export';
import { listAuditLog } from '@/lib/db';
import { handle } from '@/lib/server';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.string().regex(/^\d{1,19}$/).optional(),
});

/** GET ?format=json|csv&limit=&before=: the audit log, newest first; `before` pages backwards. Admins only. */
export const GET = handle(async (request: Request) => {
  const url = new URL(request.url);
  const query = querySchema.parse(Object.fromEntries(url.searchParams));
  const entries = await listAuditLog({ limit: query.limit, before: query.before });
  if (query.format === 'csv') {
    return new Response(toAuditCsv(entries), { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="eastwest-audit.csv"' } });
  }
  return Response.json({ entries }, { headers: { 'Content-Disposition': 'inline; filename="eastwest-audit.json"' } });
});
