import {
  AGGREGATE_OF_COMMAND,
  businessDay,
  COMMAND_SCHEMAS,
  DECIDER_OF_CATEGORY,
  DomainError,
  type DomainEvent,
  erasedSubjectOf,
  fold,
  isCommandType,
  isPersonSubject,
  streamOfCommand,
} from '@cls/domain';
import { type AppendResult, type EventStore, InvalidEventPayload } from '@cls/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountsService } from '../accounts/accounts.service.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { type CommandMetadata, type CommandResult, DomainCommand } from './domain-command.js';

/** Where a NUL character hides in a value (a dotted path), if it does. */
function pathOfNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : undefined;
  if (value && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      const found = pathOfNul(member, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A command id is the client's choice, and not a secret: it is recorded scoped
 * to its actor, so that another user's command id can never turn one's own
 * command into a no-op answered with their result.
 */
export const scopedCommandId = (actorId: string, commandId: string) => `${actorId}/${commandId}`;

/**
 * Every domain command, the same way: load the aggregate's stream, fold it,
 * decide, append at the revision that was read (a concurrent command makes the
 * append fail with WrongExpectedRevision: 409 for the caller), with the actor
 * and the idempotency keys in the events' metadata.
 */
@CommandHandler(DomainCommand)
export class DomainCommandHandler implements ICommandHandler<DomainCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(AccountsService) private readonly accounts: AccountsService,
  ) {}

  /**
   * Erasure, first step: each erased subject's key is destroyed before the event
   * that says so is appended. Should the process die in between, the erasure is
   * done and can be sent again; after the event, the start-up reconciliation
   * destroys any key left (see PersonalDataVault.start).
   */
  private async destroyErasedKeys(decision: DomainEvent[]): Promise<string[]> {
    const subjects = decision.flatMap((event) => erasedSubjectOf(event) ?? []);
    for (const subject of subjects) {
      // A person is known by what was sealed for them: nothing, nobody to erase.
      if (isPersonSubject(subject) && !(await this.vault.knows(subject)))
        throw new DomainError(
          'not_found',
          `Personne ${subject} introuvable : rien n’a été enregistré à son nom`,
        );
      await this.vault.erase(subject);
    }
    return subjects;
  }

  /**
   * The first result of this actor's command id, if it went through. Ids recorded
   * before they were scoped count only when the same actor recorded them.
   */
  private async knownResult(metadata: CommandMetadata): Promise<AppendResult | undefined> {
    const known = await this.store.findCommand(scopedCommandId(metadata.actor.id, metadata.commandId));
    if (known) return known;
    const unscoped = await this.store.findCommand(metadata.commandId);
    if (!unscoped) return undefined;
    const [last] = await this.store.readStream(unscoped.stream, {
      fromRevision: unscoped.nextExpectedRevision,
      maxCount: 1,
    });
    return last?.metadata.actor.id === metadata.actor.id ? unscoped : undefined;
  }

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
    // PostgreSQL refuses a NUL character in text: such an event would stop every read model at it.
    const nul = pathOfNul(checked);
    if (nul) throw new DomainError('invalid_value', `${command.type} : caractère nul interdit`, nul);

    // A retry of a command that went through is answered with its first result.
    const known = metadata.mayBeRetry === false ? undefined : await this.knownResult(metadata);
    if (known)
      return {
        commandId: metadata.commandId,
        stream: known.stream,
        revision: known.nextExpectedRevision,
        position: known.position,
        appended: 0,
      };

    const stream = streamOfCommand(checked);
    const history = await this.store.readStream(stream);
    const state = fold(aggregate.decider, history);
    // The other streams the decision depends on (an action's contract…), folded.
    const others = new Map<string, unknown>();
    for (const other of aggregate.needs?.(checked, state) ?? []) {
      const decider = DECIDER_OF_CATEGORY.get(other.slice(0, other.indexOf('-')));
      if (decider) others.set(other, fold(decider, await this.store.readStream(other)));
    }
    // France's calendar, as the forms' default dates: 00:30 in Paris is already tomorrow.
    const today = businessDay();
    const context = aggregate.context?.(checked, state, (other) => others.get(other), today);
    // What the schema checked (defaults filled, values normalised) is what is decided and recorded.
    const decision = aggregate.decider.decide(checked, state, context);
    if (decision instanceof DomainError) throw decision;

    const revision = history.at(-1)?.revision;
    const commandId = scopedCommandId(metadata.actor.id, metadata.commandId);
    // Personal data sealed with their subjects' keys (see PERSONAL_DATA_OF_EVENT).
    const events = await Promise.all(
      decision.map(async (event) => ({
        type: event.type,
        data: await this.vault.sealEvent(event.type, event.data),
        occurredAt: event.occurredAt,
      })),
    );
    const erased = await this.destroyErasedKeys(decision);
    const result = await this.store
      .append(stream, events, {
        expectedRevision: revision ?? 'no_stream',
        actor: metadata.actor,
        commandId,
        correlationId: metadata.correlationId ?? commandId,
        causationId: metadata.causationId ?? commandId,
        ...(metadata.label === undefined ? {} : { label: metadata.label }),
      })
      .catch((error: unknown) => {
        // An event the log refuses (too large): the command's fault, a 400 with the reason.
        if (error instanceof InvalidEventPayload)
          throw new DomainError('invalid_value', `${command.type} : ${error.problem}`);
        throw error;
      });
    for (const event of decision) {
      // Invited: an account without password, for the OpenID Connect provider (or a password set later).
      if (event.type === 'UserInvited') await this.accounts.invited(stream.slice('user-'.length));
    }
    // Erased: the key went before the event, and with it every sealed value of the person; the account goes now.
    for (const subject of erased) await this.accounts.forget(subject);
    return {
      commandId: metadata.commandId,
      stream,
      revision: result.nextExpectedRevision,
      position: result.position,
      appended: decision.length,
    };
  }
}
