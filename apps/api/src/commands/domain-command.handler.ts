import {
  AGGREGATE_OF_COMMAND,
  COMMAND_SCHEMAS,
  DECIDER_OF_CATEGORY,
  DomainError,
  fold,
  isCommandType,
} from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../event-store/event-store.module.js';
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
    // The other streams the decision depends on (an action's contract…), folded.
    const others = new Map<string, unknown>();
    for (const other of aggregate.needs?.(checked, state) ?? []) {
      const decider = DECIDER_OF_CATEGORY.get(other.slice(0, other.indexOf('-')));
      if (decider) others.set(other, fold(decider, await this.store.readStream(other)));
    }
    const today = new Date().toISOString().slice(0, 10);
    const context = aggregate.context?.(checked, state, (other) => others.get(other), today);
    // What the schema checked (defaults filled, values normalised) is what is decided and recorded.
    const decision = aggregate.decider.decide(checked, state, context);
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
