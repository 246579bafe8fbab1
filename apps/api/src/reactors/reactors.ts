import { amendmentReactor, ReactorRunner } from '@cls/commands';
import { systemClock } from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { accountsReactor } from '../accounts/accounts.reactor.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { DomainCommand } from '../commands/domain-command.js';
import { contractDrafterReactor } from '../contracts/contract-drafter.reactor.js';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { erasedKeysReactor } from '../personal-data/erased-keys.reactor.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { PostgresReactorCheckpoints } from './postgres-checkpoints.js';

export const REACTOR_RUNNER = Symbol('REACTOR_RUNNER');

/** Every reactor of the platform: what follows an event outside the log. */
export const reactorRunnerProvider: Provider = {
  provide: REACTOR_RUNNER,
  inject: [EVENT_STORE, PG_POOL, AccountsService, PersonalDataVault, CommandBus],
  useFactory: (
    store: EventStore,
    pool: Pool,
    accounts: AccountsService,
    vault: PersonalDataVault,
    bus: CommandBus,
  ) =>
    new ReactorRunner(
      store,
      [
        erasedKeysReactor(vault),
        accountsReactor(accounts),
        contractDrafterReactor((command, metadata) => bus.execute(new DomainCommand(command, metadata))),
        // A signed avenant's changes of actions, sent to the actions' streams.
        amendmentReactor(store, {
          clock: systemClock,
          sealer: vault,
          onRefused: (refusal, { contractId, amendmentId, index }) =>
            new Logger('Avenants').warn(
              `Avenant ${amendmentId} du contrat ${contractId}, changement n°${index + 1} refusé : ${refusal.message}`,
            ),
        }),
      ],
      new PostgresReactorCheckpoints(pool),
      { onError: (error) => new Logger('Reactors').error(String(error)) },
    ),
};

/**
 * The reactors catch up at start-up, before the first request (the keys and
 * accounts of subjects erased while the process was down go first), then follow
 * the log until shutdown, on the replica holding their lease.
 */
@Injectable()
export class ReactorsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(REACTOR_RUNNER) private readonly runner: ReactorRunner) {}

  onApplicationBootstrap(): Promise<void> {
    return this.runner.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.runner.stop();
  }
}
