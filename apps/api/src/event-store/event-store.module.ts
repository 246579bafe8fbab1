import type { EventStore } from '@cls/event-store';
import { KurrentDBEventStore } from '@cls/event-store/kurrentdb';
import { PostgresEventStore } from '@cls/event-store/postgres';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { closeOnShutdown } from '../shutdown.js';

/** Injection token of the application's event store. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** PostgreSQL by default; KurrentDB when KURRENTDB_URL is set. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(options: {
    databaseUrl: string;
    kurrentdbUrl?: string | undefined;
    /** Tests: a store of their own (one that cannot search, as KurrentDB's). */
    openStore?: (() => EventStore) | undefined;
  }): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          useFactory: (): EventStore =>
            options.openStore?.() ??
            (options.kurrentdbUrl
              ? new KurrentDBEventStore({ connectionString: options.kurrentdbUrl })
              : PostgresEventStore.connect({ connectionString: options.databaseUrl })),
        },
        closeOnShutdown<EventStore>(EVENT_STORE, (store) => store.close()),
      ],
      exports: [EVENT_STORE],
    };
  }
}
