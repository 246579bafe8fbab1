import type { useTRPCClient } from '@cls/web';

type Client = ReturnType<typeof useTRPCClient>;
/** What each command of a batch is sent with: the batch's correlation id. */
export type BatchOptions = { context: { correlationId: string } };

/**
 * Sends an import's commands one by one, in order, under one correlation id the
 * server issued (the audit shows them as one causal chain named `label`); a
 * refusal stops nothing else. Returns one French line per command.
 */
export async function sendBatch<Item extends { line: number }>(
  client: Client,
  label: string,
  items: readonly Item[],
  send: (item: Item, commandId: string, options: BatchOptions) => Promise<unknown>,
): Promise<string[]> {
  const { correlationId } = await client.batch.begin.mutate({ label });
  const outcomes: string[] = [];
  for (const item of items) {
    try {
      await send(item, crypto.randomUUID(), { context: { correlationId } });
      outcomes.push(`ligne ${item.line} : appliquée`);
    } catch (error) {
      outcomes.push(
        `ligne ${item.line} : refusée — ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return outcomes;
}
