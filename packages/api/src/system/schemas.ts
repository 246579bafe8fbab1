import { z } from 'zod';

export const DatabaseStatusSchema = z.object({
  up: z.boolean(),
  latencyMs: z.number().nonnegative(),
  serverVersion: z.string().optional(),
  error: z.string().optional(),
});

export const SystemInfoSchema = z.object({
  application: z.string(),
  version: z.string(),
  environment: z.enum(['development', 'production', 'test']),
  startedAt: z.iso.datetime(),
  database: DatabaseStatusSchema,
});

export type SystemInfo = z.infer<typeof SystemInfoSchema>;
