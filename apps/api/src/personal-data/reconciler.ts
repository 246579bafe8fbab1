import { isDatabaseUnavailable } from '@cls/api';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service.js';
import { PersonalDataVault } from './vault.js';

/**
 * At start-up, before the first request: the vault checks the master key and
 * destroys the key of every subject the log says was erased (an erasure that
 * died between its event and the key), and their accounts go too. A wrong
 * master key stops the start; an unreachable database only delays the check
 * (the vault runs it again before its first use).
 */
@Injectable()
export class PersonalDataReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PersonalData');
  private stop: (() => void) | undefined;
  private retrying: Promise<void> | undefined;

  constructor(
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(AccountsService) private readonly accounts: AccountsService,
  ) {}

  private async reconcile(): Promise<void> {
    for (const subject of await this.vault.start()) await this.accounts.forget(subject);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.reconcile();
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      this.logger.warn(`effacements à rejouer reportés : ${String(error)}`);
    }
    const stopped = new Promise<void>((resolve) => {
      this.stop = resolve;
    });
    this.retrying = (async () => {
      for (;;) {
        let timer: NodeJS.Timeout | undefined;
        const waited = await Promise.race([
          new Promise<'retry'>((resolve) => {
            timer = setTimeout(() => resolve('retry'), 2000);
          }),
          stopped.then(() => 'stop' as const),
        ]);
        clearTimeout(timer);
        if (waited === 'stop') return;
        try {
          await this.reconcile();
          return;
        } catch (error) {
          if (!isDatabaseUnavailable(error)) {
            this.logger.error(String(error));
            return;
          }
        }
      }
    })();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop?.();
    await this.retrying;
  }
}
