import type { KeyObject } from 'node:crypto';
import type { EventStore } from '@cls/event-store';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccountsService } from './accounts/accounts.service.js';
import { OidcController } from './accounts/oidc.controller.js';
import { OIDC_SETTINGS, OidcService, type OidcSettings } from './accounts/oidc.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { logSearchProviders } from './audit/log-index-keeper.js';
import { LOG_SIGNING_KEY, SignedHeads } from './audit/signed-heads.js';
import { DomainCommandHandler } from './commands/domain-command.handler.js';
import { DatabaseModule } from './database/database.module.js';
import { DatabaseUnavailableFilter } from './database/unavailable.filter.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import {
  OFFER_DIRECTORY_SETTINGS,
  type OfferDirectorySettings,
  OffersModule,
} from './offers/offers.module.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { PERSONAL_DATA_MASTER_KEY, PersonalDataVault } from './personal-data/vault.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ReactorsLifecycle, reactorRunnerProvider } from './reactors/reactors.js';
import { RUNTIME, type Runtime } from './runtime.js';
import { SystemModule } from './system/system.module.js';

@Module({})
export class AppModule {
  static forRoot(options: {
    databaseUrl: string;
    kurrentdbUrl?: string | undefined;
    /** Tests: a store of their own instead of the one the URLs name. */
    openStore?: (() => EventStore) | undefined;
    oidc: OidcSettings | null;
    offers: OfferDirectorySettings;
    runtime: Runtime;
    /** Wraps every person's key; never stored in the database (see personal-data/master-key.ts). */
    personalDataKey: Buffer;
    /** Signs the log's head; never stored in the database (see audit/log-signing-key.ts). */
    logSigningKey: KeyObject;
  }): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        CqrsModule.forRoot(),
        DatabaseModule.forRoot(options.databaseUrl),
        EventStoreModule.forRoot({
          databaseUrl: options.databaseUrl,
          kurrentdbUrl: options.kurrentdbUrl,
          openStore: options.openStore,
        }),
        ProjectionsModule,
        OffersModule,
        SystemModule,
      ],
      controllers: [OidcController, AuditController, OpenApiController],
      providers: [
        { provide: RUNTIME, useValue: options.runtime },
        { provide: APP_FILTER, useClass: DatabaseUnavailableFilter },
        { provide: OIDC_SETTINGS, useValue: options.oidc },
        { provide: OFFER_DIRECTORY_SETTINGS, useValue: options.offers },
        { provide: PERSONAL_DATA_MASTER_KEY, useValue: options.personalDataKey },
        { provide: LOG_SIGNING_KEY, useValue: options.logSigningKey },
        SignedHeads,
        DomainCommandHandler,
        AccountsService,
        OidcService,
        AuditService,
        ...logSearchProviders,
        PersonalDataVault,
        reactorRunnerProvider,
        ReactorsLifecycle,
      ],
      exports: [
        RUNTIME,
        AccountsService,
        OidcService,
        OFFER_DIRECTORY_SETTINGS,
        AuditService,
        PersonalDataVault,
      ],
    };
  }
}
