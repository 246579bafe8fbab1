import type { EventStore } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import { ALL_PROJECTIONS, ProjectionRunner, ReadModelQueries } from '@cls/projections';
import {
  type BeforeApplicationShutdown,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';

export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
export const READ_MODELS = Symbol('READ_MODELS');

/** Starts the projection runner with the application (retrying while the database is unreachable), stops it first. */
@Injectable()
class ProjectionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private stopped = false;
  private started: Promise<void> | undefined;

  constructor(@Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner) {}

  async onApplicationBootstrap(): Promise<void> {
    // The first try is awaited: where the database answers, the API takes no query before its read
    // models are known (a query just after the start was refused « pas encore construite »).
    // While the database is unreachable the API starts anyway, the runner behind it.
    if (await this.tryStart()) return;
    this.started = (async () => {
      do await new Promise((resolve) => setTimeout(resolve, 2000));
      while (!this.stopped && !(await this.tryStart()));
    })();
  }

  private async tryStart(): Promise<boolean> {
    try {
      await this.runner.start();
      return true;
    } catch (error) {
      this.logger.warn(`démarrage des projections reporté : ${String(error)}`);
      return false;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.started;
    await this.runner.stop();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: PROJECTION_RUNNER,
      inject: [EVENT_STORE, PG_POOL],
      useFactory: (store: EventStore, pool: Pool) =>
        new ProjectionRunner(store, pool, ALL_PROJECTIONS, {
          // Behind the log (a new version's rebuild, a start after downtime): 5000 events per transaction.
          catchUpBatchSize: 5000,
          onError: (error) => new Logger('Projections').error(String(error)),
        }),
    },
    { provide: READ_MODELS, inject: [PG_POOL], useFactory: (pool: Pool) => new ReadModelQueries(pool) },
    ProjectionsLifecycle,
  ],
  exports: [PROJECTION_RUNNER, READ_MODELS],
})
export class ProjectionsModule {}
