import { type EventStore, KurrentDBEventStore, PostgresEventStore } from '@cls/event-store';
import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';

/** Injection token of the application's event store. */
export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** PostgreSQL by default; KurrentDB when KURRENTDB_URL is set. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(options: { databaseUrl: string; kurrentdbUrl?: string | undefined }): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          useFactory: (): Promise<EventStore> | EventStore =>
            options.kurrentdbUrl
              ? new KurrentDBEventStore({ connectionString: options.kurrentdbUrl })
              : PostgresEventStore.connect({ connectionString: options.databaseUrl }),
        },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE],
    };
  }
}
