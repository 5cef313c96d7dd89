import { ZodError } from 'zod';
import type { ApiError, ApiErrorCode } from '@/lib/api/errors';
import { isDbError, type DbErrorCode } from '@/lib/db/errors';
import { HttpError } from './http-error';

/** The one place where error codes become HTTP statuses. */
export const STATUS: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'length-required': 411,
  'payload-too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

const FROM_DB: Record<DbErrorCode, ApiErrorCode> = {
  'not-found': 'not-found',
  conflict: 'conflict',
  unavailable: 'unavailable',
  // A malformed DATABASE_URL is the server's configuration, not the client's request.
  invalid: 'unavailable',
};

export function toApiError(error: unknown): ApiError['error'] {
  if (error instanceof HttpError) return { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
  if (error instanceof ZodError) {
    return { code: 'bad-request', message: 'Invalid request', issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  if (isDbError(error)) return { code: FROM_DB[error.code], message: error.message };
  if (isConnectionFailure(error)) return { code: 'unavailable', message: 'The database is unavailable' };
  return { code: 'internal', message: 'Internal server error' };
}

/** Maps any error to a JSON response; unexpected ones are logged (without request bodies) and hidden from the client. */
export function toErrorResponse(error: unknown): Response {
  const body = toApiError(error);
  if (body.code === 'internal') console.error('eastwest api:', describeForLog(error));
  return Response.json({ error: body } satisfies ApiError, { status: STATUS[body.code] });
}

/** Prisma's "can't reach database server" family and node-postgres socket errors. */
function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^P10(0[0-2]|17)$/.test(code) || ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', '57P01', '3D000'].includes(code));
}

/**
 * What an unexpected error may put in the server log. Messages can quote uploaded content (a parser echoing a
 * line, a database error echoing a value), so only the error's class and stack frames are logged unless
 * EASTWEST_DEBUG=1 asks for everything.
 */
export function describeForLog(error: unknown): string {
  if (process.env.EASTWEST_DEBUG === '1') return error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (!(error instanceof Error)) return `non-Error value of type ${typeof error}`;
  const frames = (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  return [`${error.name} (message withheld; set EASTWEST_DEBUG=1 to log it)`, ...frames].join('\n');
}
