import { z } from 'zod';

export const DatabaseStatusSchema = z.object({
  up: z.boolean(),
  latencyMs: z.number().nonnegative(),
  serverVersion: z.string().optional(),
  error: z.string().optional(),
});

export const ProjectionStatusSchema = z.object({
  name: z.string(),
  version: z.number(),
  status: z.enum(['building', 'live']),
  position: z.number(),
  lag: z.number(),
  /** Applied by this process (it holds the projection's lease), or followed from another replica. */
  appliedHere: z.boolean(),
});

export const SystemInfoSchema = z.object({
  application: z.string(),
  version: z.string(),
  environment: z.enum(['development', 'production', 'test']),
  startedAt: z.iso.datetime(),
  database: DatabaseStatusSchema,
  /** Read models: their version, position in the log and lag behind it. */
  projections: z.array(ProjectionStatusSchema),
});

export type SystemInfo = z.infer<typeof SystemInfoSchema>;
