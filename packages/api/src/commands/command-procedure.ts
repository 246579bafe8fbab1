import { COMMAND_SCHEMAS, type CommandType } from '@cls/domain';
import { z } from 'zod';
import type { Session } from '../auth/session.js';
import { type ApiContext, authedProcedure } from '../trpc.js';
import { CommandIdSchema, CommandResultSchema } from './command-result.js';

/** What a command's authorisation sees: the host, and the caller's session. */
export type CommandContext = ApiContext & { session: Session };

type Authorize<Input> = (ctx: CommandContext, input: Input) => void | Promise<void>;

/** A command of this type once checked by its schema: what the mutation's caller is authorised for. */
export type CommandInput<Type extends CommandType> = z.output<(typeof COMMAND_SCHEMAS)[Type]>;

/** Sent beside a command's fields: a client-generated id makes the command safe to retry. */
const RetryKeySchema = z.object({ commandId: CommandIdSchema.optional() });

/**
 * A tRPC mutation for one domain command: input validated by the command's zod
 * schema (`COMMAND_SCHEMAS`, shared with the forms and the command side) plus
 * an optional client `commandId`, the caller authorised, then the command
 * executed through the host's command bus. The input's type follows from `type`.
 */
export function commandMutation<Type extends CommandType>(
  type: Type,
  authorize: Authorize<CommandInput<Type>>,
) {
  return mutationOf(type, COMMAND_SCHEMAS[type], authorize);
}

function mutationOf<Schema extends z.ZodObject>(
  type: CommandType,
  schema: Schema,
  authorize: Authorize<z.output<Schema>>,
) {
  return authedProcedure
    .input(schema.safeExtend(RetryKeySchema.shape))
    .output(CommandResultSchema)
    .mutation(async ({ ctx, input }) => {
      // tRPC checked the input already. Its type cannot follow a schema chosen by `type`
      // here, so the command's own schema (which leaves the retry key out) and the retry
      // key's read their parts again, typed: no cast between what was checked and what runs.
      const fields = schema.parse(input);
      const { commandId } = RetryKeySchema.parse(input);
      await authorize(ctx, fields);
      return ctx.commands.execute({ type, ...fields }, commandId, ctx.session);
    });
}
