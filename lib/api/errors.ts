import { z } from 'zod';

/**
 * Every API error has this body; `issues` lists validation problems (path + message). The proxy
 * (lib/auth/proxy-handler.ts) answers with the same shape and the codes unauthorized, forbidden,
 * length-required, payload-too-large and rate-limited.
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(['bad-request', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'length-required', 'payload-too-large', 'rate-limited', 'unavailable', 'internal']),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
export type ApiErrorCode = ApiError['error']['code'];
