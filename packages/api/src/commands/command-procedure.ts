import type { z } from 'zod';
import type { Session } from '../auth/session.js';
import { type ApiContext, authedProcedure } from '../trpc.js';
import { CommandIdSchema, CommandResultSchema } from './command-result.js';

type Authorize<Input> = (ctx: ApiContext & { session: Session }, input: Input) => void | Promise<void>;

/**
 * A tRPC mutation for one domain command: input validated by the command's zod
 * schema (shared with the forms) plus an optional client `commandId`, the
 * caller authorised, then the command executed through the host's command bus.
 */
export function commandMutation<Schema extends z.ZodObject>(
  type: string,
  schema: Schema,
  authorize: Authorize<z.infer<Schema>>,
) {
  return authedProcedure
    .input(schema.safeExtend({ commandId: CommandIdSchema.optional() }))
    .output(CommandResultSchema)
    .mutation(async ({ ctx, input }) => {
      const { commandId, ...payload } = input as z.infer<Schema> & { commandId?: string };
      await authorize(ctx, payload as z.infer<Schema>);
      return ctx.commands.execute({ type, ...payload }, commandId, ctx.session);
    });
}
