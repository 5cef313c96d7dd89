import { toErrorResponse } from './to-error-response';

/** Wraps a route handler so every thrown error becomes the JSON error response of to-error-response.ts. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
