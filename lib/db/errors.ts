/**
 * Errors lib/db throws on purpose. lib/server maps each `code` to an HTTP status in one place;
 * scripts print `message`, which is always one line meant for the user.
 */
export type DbErrorCode = 'not-found' | 'conflict' | 'unavailable' | 'invalid';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DbError';
  }
}

export const notFound = (what: string): DbError => new DbError('not-found', `${what} not found`);
export const conflict = (message: string): DbError => new DbError('conflict', message);
export const unavailable = (message: string, cause?: unknown): DbError => new DbError('unavailable', message, { cause });

export function isDbError(error: unknown): error is DbError {
  return error instanceof DbError;
}

/** Prisma's "unique constraint failed" (https://www.prisma.io/docs/orm/reference/error-reference#p2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
