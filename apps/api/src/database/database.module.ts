import { createPool, type Pool } from '@cls/postgres';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { closeOnShutdown } from '../shutdown.js';

/** Injection token of the application's PostgreSQL pool. */
export const PG_POOL = Symbol('PG_POOL');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: PG_POOL, useFactory: () => createPool(databaseUrl, { applicationName: 'cls-api' }) },
        closeOnShutdown<Pool>(PG_POOL, (pool) => pool.end()),
      ],
      exports: [PG_POOL],
    };
  }
}
