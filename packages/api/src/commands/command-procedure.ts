import { COMMAND_SCHEMAS, type CommandType } from '@cls/domain';
import { z } from 'zod';
import type { Session } from '../auth/session.js';
import { type ApiContext, authedProcedure } from '../trpc.js';
import { CommandIdSchema, CommandResultSchema, ExpectedRevisionSchema } from './command-result.js';

/** What a command's authorisation sees: the host, and the caller's session. */
export type CommandContext = ApiContext & { session: Session };

type Authorize<Input> = (ctx: CommandContext, input: Input) => void | Promise<void>;

/** A command of this type once checked by its schema: what the mutation's caller is authorised for. */
export type CommandInput<Type extends CommandType> = z.output<(typeof COMMAND_SCHEMAS)[Type]>;

/**
 * Sent beside a command's fields: a client-generated id makes the command safe to retry;
 * the revision an edit form was filled from makes a concurrent change a 409, not a lost update.
 */
const CommandKeysSchema = z.object({
  commandId: CommandIdSchema.optional(),
  expectedRevision: ExpectedRevisionSchema.optional(),
});

/**
 * A tRPC mutation for one domain command: input validated by the command's zod
 * schema (`COMMAND_SCHEMAS`, shared with the forms and the command side) plus
 * an optional client `commandId` and `expectedRevision`, the caller authorised, then the command
 * executed through the host's command bus. The input's type follows from `type`.
 */
export function commandMutation<Type extends CommandType>(
  type: Type,
  authorize: Authorize<CommandInput<Type>>,
) {
  return mutationOf(type, COMMAND_SCHEMAS[type], authorize);
}

/**
 * A command whose client sends only part of it (`clientSchema`, anything else dropped):
 * once the caller is authorised, the host completes it (a publication's seal, computed
 * from the log — never taken from a client).
 */
export function hostCompletedMutation<Type extends CommandType, Schema extends z.ZodObject>(
  type: Type,
  clientSchema: Schema,
  authorize: Authorize<z.output<Schema>>,
  complete: (ctx: CommandContext, fields: z.output<Schema>) => Promise<Record<string, unknown>>,
) {
  return mutationOf(type, clientSchema, authorize, complete);
}

function mutationOf<Schema extends z.ZodObject>(
  type: CommandType,
  schema: Schema,
  authorize: Authorize<z.output<Schema>>,
  complete?: (ctx: CommandContext, fields: z.output<Schema>) => Promise<Record<string, unknown>>,
) {
  return (
    authedProcedure
      // An intersection rather than `schema.extend(…)`: TypeScript follows it from the
      // command's type to the client's input type (an extended generic object collapses
      // to a record, and the forms were typed against nothing).
      .input(schema.and(CommandKeysSchema))
      .output(CommandResultSchema)
      .mutation(async ({ ctx, input }) => {
        // tRPC checked the input, but inside this generic function its type stays unresolved:
        // the command's fields (without the keys) and the keys are read again from
        // it with their own schemas, typed, rather than cast.
        const fields = schema.parse(input);
        const keys = CommandKeysSchema.parse(input);
        await authorize(ctx, fields);
        const completed = complete ? await complete(ctx, fields) : {};
        return ctx.commands.execute({ type, ...fields, ...completed }, keys, ctx.session);
      })
  );
}
