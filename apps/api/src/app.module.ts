import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DatabaseModule } from './database/database.module.js';
import { RUNTIME, type Runtime } from './runtime.js';
import { SystemModule } from './system/system.module.js';

@Module({})
export class AppModule {
  static forRoot(options: { databaseUrl: string; runtime: Runtime }): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [CqrsModule.forRoot(), DatabaseModule.forRoot(options.databaseUrl), SystemModule],
      providers: [{ provide: RUNTIME, useValue: options.runtime }],
      exports: [RUNTIME],
    };
  }
}
