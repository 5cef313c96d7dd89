import { z } from 'zod';

export const healthSchema = z.object({
  ok: z.boolean(),
  database: z.object({ reachable: z.boolean(), target: z.string().nullable(), error: z.string().optional() }),
  migrations: z.object({ applied: z.array(z.string()), pending: z.array(z.string()), failed: z.array(z.string()) }),
});
export type HealthJson = z.infer<typeof healthSchema>;
