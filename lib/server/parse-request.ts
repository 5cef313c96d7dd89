import type { z } from 'zod';
import { HttpError } from './http-error';

/** Reads and validates a JSON body; malformed JSON is a 400 like any other invalid input. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpError('bad-request', 'The request body must be JSON');
  }
  return schema.parse(body);
}

/** Validates Next's dynamic route params (`{ params }: { params: Promise<...> }` in Next 15+). */
export async function parseParams<S extends z.ZodType>(params: Promise<unknown>, schema: S): Promise<z.infer<S>> {
  return schema.parse(await params);
}
