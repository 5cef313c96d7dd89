import type { ApiErrorCode } from '@/lib/api/errors';

/** An error a route handler raises on purpose (bad JSON, invalid params); mapped in to-error-response.ts. */
export class HttpError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
