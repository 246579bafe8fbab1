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

/**
 * The revision of the aggregate's stream an edit form was filled from: the command is
 * refused (409 with `currentRevision`) if the stream has changed since.
 */
export const ExpectedRevisionSchema = z
  .number({ error: 'révision attendue : un nombre entier positif ou nul' })
  .int({ error: 'révision attendue : un nombre entier positif ou nul' })
  .nonnegative({ error: 'révision attendue : un nombre entier positif ou nul' })
  .max(Number.MAX_SAFE_INTEGER);

/** What travels beside a command's fields: its retry key, and the revision its sender saw. */
export interface CommandKeys {
  commandId?: string | undefined;
  expectedRevision?: number | undefined;
}
