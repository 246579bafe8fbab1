import { z } from 'zod';

export const CommandResultSchema = z.object({
  commandId: z.string(),
  stream: z.string(),
  revision: z.number(),
  /** Global position of the last event: the client's next queries may wait for it. */
  position: z.number(),
  /** 0 when the command was a retry answered with its first result. */
  appended: z.number(),
});
export type CommandResult = z.infer<typeof CommandResultSchema>;

/** A client-generated id makes a command safe to retry: the same id is executed once. */
export const CommandIdSchema = z.uuid({ error: 'identifiant de commande (UUID) invalide' });
