import { z } from 'zod';

export const healthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'mysql']),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

export const readinessSchema = z.object({
  status: z.enum(['ready', 'draining', 'unavailable']),
  db: z.enum(['sqlite', 'mysql']),
});
export type Readiness = z.infer<typeof readinessSchema>;
