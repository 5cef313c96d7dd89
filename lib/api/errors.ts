import { z } from 'zod';

/** Every API error has this body; `issues` lists validation problems (path + message). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(['bad-request', 'not-found', 'conflict', 'unavailable', 'internal']),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
export type ApiErrorCode = ApiError['error']['code'];
