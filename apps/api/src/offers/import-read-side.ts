import type { OfferDetails } from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import type { OfferRow, ProjectionRunner } from '@cls/projections';
import type { INestApplication } from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';

/*
 * What both importers (FINESS, Annuaire Santé) need of the read side before they compare a file
 * with the offers known: the read models caught up with the whole log, and read once live.
 */

/** Waits until every projection has caught up with the log's last event; throws after a minute. */
export async function readModelsCaughtUp(app: INestApplication): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
  await runner.started;
  // The log's last position, read forward from the slowest projection's.
  const positions = runner.status().map((status) => status.position);
  let head = positions.length > 0 ? Math.min(...positions) : 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: head, limit: 1000 });
    const last = page.at(-1)?.position ?? head;
    if (last === head) break;
    head = last;
  }
  if (head > 0 && !(await runner.waitFor(head, 60_000))) {
    throw new Error('les projections n’ont pas rattrapé le journal : import impossible pour l’instant');
  }
}

/** Events an import appends from which it refreshes PostgreSQL's statistics itself. */
export const BULK_APPENDS = 1000;

/**
 * After a bulk import, PostgreSQL's statistics of the log and the read models describe them as
 * they were before until autovacuum passes (a minute or more): a query planned on them may
 * scan the whole log where an index would do (the map of a past day read 500 offer streams in
 * 195 ms instead of 9 ms). An import that appended BULK_APPENDS events or more refreshes them
 * at once (ANALYZE samples each table: about a second at national size).
 */
export async function refreshStatistics(app: INestApplication, appended: number): Promise<void> {
  if (appended >= BULK_APPENDS) await app.get<Pool>(PG_POOL).query('ANALYZE');
}

/** A read of a read model, asked again for up to a minute: a new version goes live just after it caught up. */
export async function whenLive<T>(read: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** An offer's row back into the address and position its events carry (absent values left out). */
export const placeOfRow = (row: OfferRow): Pick<OfferDetails, 'address' | 'position'> => ({
  address: {
    line: row.addressLine,
    ...(row.postcode ? { postcode: row.postcode } : {}),
    ...(row.communeInsee ? { communeInsee: row.communeInsee } : {}),
    communeName: row.communeName,
  },
  position: { lon: row.lon, lat: row.lat },
});
