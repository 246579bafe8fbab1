import { COMMAND_SCHEMAS, DomainError, fold, isCommandType } from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { AGGREGATE_OF_COMMAND } from './aggregates.js';
import { type CommandResult, DomainCommand } from './domain-command.js';

/**
 * Every domain command, the same way: load the aggregate's stream, fold it,
 * decide, append at the revision that was read (a concurrent command makes the
 * append fail with WrongExpectedRevision: 409 for the caller), with the actor
 * and the idempotency keys in the events' metadata.
 */
@CommandHandler(DomainCommand)
export class DomainCommandHandler implements ICommandHandler<DomainCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, metadata }: DomainCommand): Promise<CommandResult> {
    if (!isCommandType(command.type)) {
      throw new DomainError('invalid_value', `Commande inconnue : ${command.type}`, 'type');
    }
    const aggregate = AGGREGATE_OF_COMMAND[command.type];
    // Whoever sent it (tRPC, the demo loader, an import), a command is checked with the forms' schema.
    const parsed = COMMAND_SCHEMAS[command.type].safeParse(command);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError('invalid_value', `${command.type} : ${issue?.message}`, issue?.path.join('.'));
    }
    const checked = { ...parsed.data, type: command.type };

    // A retry of a command that went through is answered with its first result.
    const known =
      metadata.mayBeRetry === false ? undefined : await this.store.findCommand(metadata.commandId);
    if (known)
      return {
        commandId: metadata.commandId,
        stream: known.stream,
        revision: known.nextExpectedRevision,
        position: known.position,
        appended: 0,
      };

    const stream = `${aggregate.category}-${String((checked as Record<string, unknown>)[aggregate.idField])}`;
    const history = await this.store.readStream(stream);
    const state = fold(aggregate.decider, history);
    const context = await aggregate.context?.(command as never, state, (other) =>
      this.store.readStream(other),
    );
    const decision = aggregate.decider.decide(command as never, state, context);
    if (decision instanceof DomainError) throw decision;

    const revision = history.at(-1)?.revision;
    const result = await this.store.append(
      stream,
      decision.map((event) => ({ type: event.type, data: event.data, occurredAt: event.occurredAt })),
      {
        expectedRevision: revision ?? 'no_stream',
        actor: metadata.actor,
        commandId: metadata.commandId,
        correlationId: metadata.correlationId ?? metadata.commandId,
        causationId: metadata.causationId ?? metadata.commandId,
      },
    );
    return {
      commandId: metadata.commandId,
      stream,
      revision: result.nextExpectedRevision,
      position: result.position,
      appended: decision.length,
    };
  }
}
