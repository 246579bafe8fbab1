import type { EventStore } from '@cls/event-store';
import type { ReadModelQueries } from '@cls/projections';
import { Module } from '@nestjs/common';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { READ_MODELS } from '../projections/projections.module.js';
import { OfferDirectory, type OfferDirectorySettings } from './offer-directory.js';
import { OFFERS_OPEN_DATA_DIR, OffersController } from './offers.controller.js';

export const OFFER_DIRECTORY_SETTINGS = Symbol('OFFER_DIRECTORY_SETTINGS');

/** The health-offer directory: spatial index, commune search, public REST. */
@Module({
  controllers: [OffersController],
  providers: [
    {
      provide: OfferDirectory,
      inject: [READ_MODELS, EVENT_STORE, OFFER_DIRECTORY_SETTINGS],
      useFactory: (queries: ReadModelQueries, store: EventStore, settings: OfferDirectorySettings) =>
        new OfferDirectory(queries, store, settings),
    },
    {
      provide: OFFERS_OPEN_DATA_DIR,
      inject: [OFFER_DIRECTORY_SETTINGS],
      useFactory: (settings: OfferDirectorySettings) => settings.openDataDir,
    },
  ],
  exports: [OfferDirectory],
})
export class OffersModule {}
