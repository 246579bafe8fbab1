import { type CommandResult, handleCommand, type ReactorRunner, StreamStates } from '@cls/commands';
import { systemClock } from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountsService } from '../accounts/accounts.service.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { REACTOR_RUNNER } from '../reactors/reactors.js';
import { DomainCommand } from './domain-command.js';

/**
 * The bus's handler of every domain command: handleCommand (@cls/commands) on
 * the log, sealing through the vault, with the streams this process folded
 * before. A command on a user's stream drops their sessions kept by the accounts. A command whose events have reactions (an invited user's account…)
 * answers once they ran, 3 s at most: the caller can use what it made at once.
 */
@CommandHandler(DomainCommand)
export class DomainCommandHandler implements ICommandHandler<DomainCommand> {
  private readonly states = new StreamStates();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(REACTOR_RUNNER) private readonly reactors: ReactorRunner,
    @Inject(AccountsService) private readonly accounts: AccountsService,
  ) {}

  async execute({ command, metadata }: DomainCommand): Promise<CommandResult> {
    const { eventTypes, ...result } = await handleCommand(this.store, command, metadata, {
      clock: systemClock,
      sealer: this.vault,
      states: this.states,
    });
    // A role granted or revoked counts from the user's next request on this process (others: SESSION_CACHE_MS).
    if (result.appended > 0) this.accounts.streamChanged(result.stream);
    if (!this.reactors.follows(eventTypes)) return result;
    // What the reactions appended (an avenant's moves of actions) is read with the command.
    await this.reactors.waitFor(result.position);
    return { ...result, position: this.reactors.reachedFrom(result.position) };
  }
}
