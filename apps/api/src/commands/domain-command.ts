import { Command } from '@nestjs/cqrs';

/** Who sends a command, and the keys that tie it to a request and its retries. */
export interface CommandMetadata {
  actor: { id: string; role: string };
  /** Idempotency key: the same command id is executed once, its result replayed. */
  commandId: string;
  /**
   * False when the server made the id up (the client sent none, so it cannot be a
   * retry): the lookup of an earlier result is skipped.
   */
  mayBeRetry?: boolean;
  correlationId?: string;
  causationId?: string;
  /** The client's name for the request (x-cls-correlation-id when it is not a batch of theirs). */
  label?: string;
}

export interface CommandResult {
  commandId: string;
  stream: string;
  /** Revision of the stream's last event after the command. */
  revision: number;
  /** Global position of the last event appended: queries can wait for projections to pass it. */
  position: number;
  /** Events the command appended (0 when it was a retry answered with its first result). */
  appended: number;
}

/** Any command of the domain, carried through the @nestjs/cqrs command bus. */
export class DomainCommand<C extends { type: string } = { type: string }> extends Command<CommandResult> {
  constructor(
    readonly command: C,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
