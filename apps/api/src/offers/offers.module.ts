import type { EventStore } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import type { ReadModelQueries } from '@cls/projections';
import { Module } from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { withPersonalDataOpened } from '../personal-data/opened-read-models.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { READ_MODELS } from '../projections/projections.module.js';
import { CommuneLookup } from './commune-lookup.js';
import { OfferChangeFeed } from './offer-changes.js';
import { OfferDirectory } from './offer-directory.js';
import { OfferFolds } from './offer-folds.js';
import { OfferFoldsKeeper } from './offer-folds-keeper.js';
import { type OfferFreshness, OfferIndexCache } from './offer-index-cache.js';
import { MAP_STYLE_URL, OFFERS_OPEN_DATA_DIR, OffersController } from './offers.controller.js';
import { OpenDataController } from './open-data.controller.js';
import { PastDayOffers } from './past-day-offers.js';

export interface OfferDirectorySettings extends OfferFreshness {
  /** The open data folder (communes, contours, territories); may be absent. */
  openDataDir: string;
  /** MAP_STYLE_URL: the deployment's basemap for the portal; none, the offline basemap. */
  mapStyleUrl?: string | undefined;
}

export const OFFER_DIRECTORY_SETTINGS = Symbol('OFFER_DIRECTORY_SETTINGS');

/**
 * The health-offer directory: the current offers' spatial index, past days' indexes,
 * the communes and territories of the open data, the tRPC routers' directory and the public REST.
 */
@Module({
  controllers: [OffersController, OpenDataController],
  providers: [
    {
      provide: OfferIndexCache,
      inject: [READ_MODELS, OFFER_DIRECTORY_SETTINGS, PersonalDataVault],
      // The practitioners' names opened: the portal shows who practises at a site.
      useFactory: (queries: ReadModelQueries, settings: OfferDirectorySettings, vault: PersonalDataVault) =>
        new OfferIndexCache(withPersonalDataOpened(queries, vault), settings),
    },
    { provide: OfferFolds, inject: [PG_POOL], useFactory: (pool: Pool) => new OfferFolds(pool) },
    {
      provide: OfferFoldsKeeper,
      inject: [EVENT_STORE, OfferFolds],
      useFactory: (store: EventStore, folds: OfferFolds) => new OfferFoldsKeeper(store, folds),
    },
    {
      provide: PastDayOffers,
      inject: [EVENT_STORE, READ_MODELS, OfferIndexCache, OFFER_DIRECTORY_SETTINGS, OfferFolds],
      useFactory: (
        store: EventStore,
        queries: ReadModelQueries,
        current: OfferIndexCache,
        settings: OfferDirectorySettings,
        folds: OfferFolds,
      ) => new PastDayOffers(store, queries, current, settings, folds),
    },
    {
      provide: OfferChangeFeed,
      inject: [EVENT_STORE, PersonalDataVault],
      useFactory: (store: EventStore, vault: PersonalDataVault) =>
        new OfferChangeFeed(store, (type, data) => vault.openEvent(type, data)),
    },
    {
      provide: CommuneLookup,
      inject: [OFFER_DIRECTORY_SETTINGS],
      useFactory: (settings: OfferDirectorySettings) => new CommuneLookup(settings.openDataDir),
    },
    {
      provide: OfferDirectory,
      inject: [OfferIndexCache, PastDayOffers, CommuneLookup, READ_MODELS],
      useFactory: (
        current: OfferIndexCache,
        pastDays: PastDayOffers,
        communes: CommuneLookup,
        queries: ReadModelQueries,
      ) => new OfferDirectory(current, pastDays, communes, queries),
    },
    {
      provide: OFFERS_OPEN_DATA_DIR,
      inject: [OFFER_DIRECTORY_SETTINGS],
      useFactory: (settings: OfferDirectorySettings) => settings.openDataDir,
    },
    {
      provide: MAP_STYLE_URL,
      inject: [OFFER_DIRECTORY_SETTINGS],
      useFactory: (settings: OfferDirectorySettings) => settings.mapStyleUrl ?? null,
    },
  ],
  exports: [OfferDirectory, OfferIndexCache, CommuneLookup, OfferFoldsKeeper],
})
export class OffersModule {}
