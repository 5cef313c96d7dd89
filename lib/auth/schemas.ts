import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password';
import { ROLES } from './roles';

/** Usernames: what fits in a URL, a log line and a CSV cell without escaping surprises. */
export const usernameSchema = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}$/, 'letters, digits and . _ @ - (1 to 64, starting with a letter or digit)');

export const signInSchema = z.object({ username: z.string().min(1).max(128), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });

export const newUserSchema = z.object({
  username: usernameSchema,
  role: z.enum(ROLES),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH).optional(),
  email: z.email().optional(),
});

export const userChangeSchema = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional(), password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH).optional() })
  .refine((c) => c.role !== undefined || c.disabled !== undefined || c.password !== undefined, 'nothing to change');
