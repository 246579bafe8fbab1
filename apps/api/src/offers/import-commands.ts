import type { CommandMetadata } from '@cls/commands';
import { DomainError } from '@cls/domain';
import type { CommandBus } from '@nestjs/cqrs';
import { DomainCommand } from '../commands/domain-command.js';

/**
 * A bounded window of commands in flight: an import sends its commands `size` at a time, so
 * that the event store commits the appends that arrive together in one transaction (one
 * fsync per batch) and the database's round trips overlap, while memory holds at most `size`
 * pending commands whatever the file's size. Each task settles on its own (a refusal is the
 * task's to report); anything a task throws stops the window: the next `run` or `drain`
 * throws it, and no further task starts.
 */
export class CommandWindow {
  readonly #size: number;
  readonly #running = new Set<Promise<void>>();
  #failure: { error: unknown } | undefined;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`fenêtre de commandes invalide : ${size}`);
    this.#size = size;
  }

  /** Starts `task` once a place is free (waiting for one when `size` are in flight); does not wait for it. */
  async run(task: () => Promise<void>): Promise<void> {
    while (this.#running.size >= this.#size) {
      this.#throwIfFailed();
      await Promise.race(this.#running);
    }
    this.#throwIfFailed();
    const running: Promise<void> = task()
      .catch((error: unknown) => {
        this.#failure ??= { error };
      })
      .finally(() => this.#running.delete(running));
    this.#running.add(running);
  }

  /** Waits for every task started; throws the first failure. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.race(this.#running);
    this.#throwIfFailed();
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure.error;
  }
}

/** Commands in flight by default: measured in bench/offers (8, 32, 64). */
export const IMPORT_WINDOW = 32;

/**
 * Executes one of an import's commands. The import planned it from the read model caught up
 * with the log: it is not a retry, so the lookup of an earlier result of its command id (two
 * reads per command) is skipped — the event store still refuses a second append of a command id
 * (its first result is answered). A refusal is asked again with the lookup: a command that went
 * through already (another import of the same file, meanwhile) then gets its first result, as
 * it would have at once; any other refusal is the decider's, thrown again.
 */
export async function executeImportCommand(
  bus: CommandBus,
  command: { type: string },
  metadata: Omit<CommandMetadata, 'mayBeRetry'>,
): Promise<void> {
  try {
    await bus.execute(new DomainCommand(command, { ...metadata, mayBeRetry: false }));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await bus.execute(new DomainCommand(command, metadata));
  }
}
