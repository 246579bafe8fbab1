import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import type { SystemInfo } from './system/schemas.js';

/**
 * What the routers need from the host. The host (apps/api) implements it with
 * its query and command buses; tests implement it with plain objects.
 */
export interface ApiContext {
  system: {
    info(): Promise<SystemInfo>;
  };
}

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    // Invalid input: hand the form one message per field, as the UI shows them.
    const fieldErrors =
      error.cause instanceof z.ZodError ? z.flattenError(error.cause).fieldErrors : undefined;
    return { ...shape, data: { ...shape.data, fieldErrors } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
