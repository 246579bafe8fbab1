import type { AppendResult, EventStore } from '@cls/event-store';

/**
 * A command id is the client's choice, and not a secret: it is recorded scoped
 * to its actor, so that another user's command id can never turn one's own
 * command into a no-op answered with their result.
 */
export const scopedCommandId = (actorId: string, commandId: string) => `${actorId}/${commandId}`;

/**
 * The first result of this actor's command id, if it went through. Ids recorded
 * before they were scoped count only when the same actor recorded them.
 */
export async function firstResultOf(
  store: EventStore,
  actorId: string,
  commandId: string,
): Promise<AppendResult | undefined> {
  const known = await store.findCommand(scopedCommandId(actorId, commandId));
  if (known) return known;
  const unscoped = await store.findCommand(commandId);
  if (!unscoped) return undefined;
  const [last] = await store.readStream(unscoped.stream, {
    fromRevision: unscoped.nextExpectedRevision,
    maxCount: 1,
  });
  return last?.metadata.actor.id === actorId ? unscoped : undefined;
}
