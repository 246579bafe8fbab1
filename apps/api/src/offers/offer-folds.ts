import { idOfStream, OfferHistory, type OfferVersion, offerStreams } from '@cls/audit';
import { canSearch, type EventStore, type RecordedEvent } from '@cls/event-store';
import { AdvisoryLease, inTransaction, migrateOnFirstUse, type Pool } from '@cls/postgres';

const migrations = [
  {
    version: 1,
    name: 'offer folds',
    sql: `
      -- Each offer's versions, as OfferHistory folds its stream on the clock of when events
      -- happened, up to the event at changed_at (the position of the last one folded), and the
      -- box around every position they had (none when it was never open). JSON kept as written
      -- (json, not jsonb): a view reads thousands of them back whole.
      CREATE TABLE offer_folds (
        offer_id text PRIMARY KEY,
        changed_at bigint NOT NULL,
        bounds box,
        versions json NOT NULL
      );
      CREATE INDEX ON offer_folds USING gist (bounds);
      -- Where OfferFoldsKeeper stands in the log: every offer event up to this position is folded,
      -- written in the transaction of the folds it moves past.
      CREATE TABLE offer_folds_checkpoint (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        position bigint NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'offer folds: when the version that holds now began',
    sql: `
      -- When the version that still holds began (none: the offer is closed, or was never open): a
      -- past day from then on shows the offer as it is now, without reading its versions.
      ALTER TABLE offer_folds ADD COLUMN held_from bigint;
      UPDATE offer_folds
         SET held_from = (SELECT (v ->> 'from')::bigint FROM json_array_elements(versions) AS v
                           WHERE v ->> 'to' IS NULL LIMIT 1);
    `,
  },
  {
    version: 3,
    name: 'offer folds: a view found from the index alone',
    sql: `
      -- A view's offers found, and those shown as they are now answered, from the index alone (an
      -- index-only scan): read through the table, a view of 12,412 offers read 10,645 of its
      -- pages, cold after a start. Versions are read, by offer, only for the others.
      CREATE INDEX offer_folds_view ON offer_folds USING gist (bounds)
        INCLUDE (offer_id, changed_at, held_from);
      DROP INDEX IF EXISTS offer_folds_bounds_idx;
    `,
  },
];

/** An offer's versions folded from its stream up to the event at `changedAt`. */
export interface OfferFold {
  offerId: string;
  changedAt: number;
  versions: readonly OfferVersion[];
}

/**
 * A fold of a view: its versions, or undefined when the caller said it has this fold, or when
 * the offer is shown on the day asked as it is now (`asNow`).
 */
export interface ViewFold {
  offerId: string;
  changedAt: number;
  versions: readonly OfferVersion[] | undefined;
  /**
   * The version that holds now already held at the end of the day asked, and the offer's last
   * event is not past the revision given: the day shows the offer as that revision does.
   */
  asNow: boolean;
}

/** A version as stored: JSON has no infinity, so a version that still holds has `to` null. */
type StoredVersion = Omit<OfferVersion, 'to'> & { to: number | null };

const readVersion = (version: StoredVersion): OfferVersion => ({
  ...version,
  to: version.to ?? Number.POSITIVE_INFINITY,
});

/** Offer streams read in one query (from a store that reads by stream only: STREAM_READS at once). */
export const STREAMS_PER_QUERY = 500;
/** Offer events read from the log a page at a time. */
export const READ_PAGE = 5000;
/** Streams read at once from a store that reads by stream only (KurrentDB). */
const STREAM_READS = 8;

/**
 * The offers' folds kept in PostgreSQL, so that the map of a past day reads each offer's
 * versions ready instead of reading and folding its stream (issue 19, target 4). Two ways to
 * read them: every fold of a view with the keeper's checkpoint (`everIn`: usable once the
 * checkpoint has reached what the read model has applied), or an offer's fold by the position
 * of its stream's last event folded (`stored`: asked with the position the offers read model
 * gives, a fold of fewer events, or of more, is not returned; a log is append-only, so a fold
 * keyed so is right for ever).
 */
export class OfferFolds {
  /** Migrates on first use (again on the next one if the database was unreachable). */
  readonly schema: () => Promise<void>;
  /** One process keeps the folds among those sharing the database. */
  readonly #lease: AdvisoryLease;

  constructor(private readonly pool: Pool) {
    this.#lease = new AdvisoryLease(pool, 'offer-folds-lease');
    this.schema = migrateOnFirstUse(pool, 'offer-folds', migrations);
  }

  /** The folds of these offers up to exactly the events given, by offer id (none for the others). */
  async stored(
    offers: ReadonlyArray<{ id: string; changedAt: number }>,
  ): Promise<Map<string, readonly OfferVersion[]>> {
    if (offers.length === 0) return new Map();
    await this.schema();
    const { rows } = await this.pool.query<{ id: string; versions: StoredVersion[] }>(
      `SELECT f.offer_id AS id, f.versions
         FROM unnest($1::text[], $2::bigint[]) AS asked (offer_id, changed_at)
         JOIN offer_folds f USING (offer_id, changed_at)`,
      [offers.map(({ id }) => id), offers.map(({ changedAt }) => changedAt)],
    );
    return new Map(rows.map(({ id, versions }) => [id, versions.map(readVersion)]));
  }

  /**
   * The folds of every offer that was ever in `bounds` on some day (`limit` of them at most),
   * with the checkpoint they were folded up to (read in one statement: the folds of every offer
   * event up to it), or undefined before the keeper's first page. The folds the caller already
   * has (`known`: offer and position of its last event folded) come without their versions, and
   * so do those shown on `day` as its `revision` of the offers shows them (`asNow`).
   */
  async everIn(
    bounds: readonly [west: number, south: number, east: number, north: number],
    limit: number,
    known: ReadonlyArray<{ id: string; changedAt: number }> = [],
    day?: { endOfDay: number; revision: number },
  ): Promise<{ checkpoint: number; folds: ViewFold[] } | undefined> {
    await this.schema();
    const { rows } = await this.pool.query<{
      id: string | null;
      changedAt: number | null;
      checkpoint: string | null;
      versions: StoredVersion[] | null;
      asNow: boolean | null;
    }>(
      `SELECT NULL AS id, NULL::float8 AS "changedAt", position::text AS checkpoint, NULL::json AS versions,
              NULL::boolean AS "asNow"
         FROM offer_folds_checkpoint
       UNION ALL
       (SELECT v.offer_id, v.changed_at::float8, NULL,
               CASE WHEN k.offer_id IS NULL AND NOT d.as_now
                    THEN (SELECT f.versions FROM offer_folds f WHERE f.offer_id = v.offer_id) END,
               d.as_now
          FROM (SELECT offer_id, changed_at, held_from FROM offer_folds
                 WHERE bounds && box(point($1, $2), point($3, $4)) LIMIT $5) AS v
          LEFT JOIN unnest($6::text[], $7::bigint[]) AS k (offer_id, changed_at) USING (offer_id, changed_at)
          CROSS JOIN LATERAL (SELECT coalesce(v.held_from <= $8 AND v.changed_at <= $9, false) AS as_now) AS d)`,
      [
        ...bounds,
        limit,
        known.map(({ id }) => id),
        known.map(({ changedAt }) => changedAt),
        day?.endOfDay ?? null,
        day?.revision ?? null,
      ],
    );
    const checkpoint = rows.find((row) => row.checkpoint !== null)?.checkpoint;
    if (checkpoint === undefined || checkpoint === null) return undefined;
    return {
      checkpoint: Number(checkpoint),
      folds: rows.flatMap(({ id, changedAt, versions, asNow }) =>
        id === null || changedAt === null
          ? []
          : [{ offerId: id, changedAt, versions: versions?.map(readVersion), asNow: asNow === true }],
      ),
    };
  }

  /**
   * Keeps these folds, each in place of a fold of fewer events of its offer, and moves the
   * keeper's checkpoint to `checkpoint`, in one transaction.
   */
  async keep(folds: readonly OfferFold[], checkpoint: number): Promise<void> {
    await this.schema();
    // Infinity is written null by JSON.stringify: `to` null is a version that still holds.
    const json = JSON.stringify(
      folds.map(({ offerId, changedAt, versions }) => {
        const lons = versions.map(({ offer }) => offer.position.lon);
        const lats = versions.map(({ offer }) => offer.position.lat);
        return {
          offer_id: offerId,
          changed_at: changedAt,
          held_from: versions.find(({ to }) => to === Number.POSITIVE_INFINITY)?.from ?? null,
          ...(versions.length > 0 && {
            west: Math.min(...lons),
            south: Math.min(...lats),
            east: Math.max(...lons),
            north: Math.max(...lats),
          }),
          versions,
        };
      }),
    );
    await inTransaction(this.pool, async (client) => {
      if (folds.length > 0)
        await client.query(
          `INSERT INTO offer_folds (offer_id, changed_at, bounds, versions, held_from)
           SELECT offer_id, changed_at, box(point(west, south), point(east, north)), versions, held_from
             FROM json_to_recordset($1::json) AS f (offer_id text, changed_at bigint,
               west float8, south float8, east float8, north float8, versions json, held_from bigint)
           ON CONFLICT (offer_id) DO UPDATE
             SET changed_at = EXCLUDED.changed_at, bounds = EXCLUDED.bounds, versions = EXCLUDED.versions,
                 held_from = EXCLUDED.held_from
             WHERE offer_folds.changed_at < EXCLUDED.changed_at`,
          [json],
        );
      await client.query(
        `INSERT INTO offer_folds_checkpoint (position) VALUES ($1)
         ON CONFLICT (only_row) DO UPDATE SET position = EXCLUDED.position`,
        [checkpoint],
      );
    });
  }

  /** Whether this process keeps the folds, taking the lease when it is free. */
  async lease(): Promise<boolean> {
    await this.schema();
    return this.#lease.take();
  }

  /** Gives the lease up: resolves once another process may take it. */
  release(): Promise<void> {
    return this.#lease.release();
  }

  /** The position of the last offer event the keeper folded (0: none). */
  async checkpoint(): Promise<number> {
    await this.schema();
    const { rows } = await this.pool.query<{ position: string }>(
      'SELECT position::text FROM offer_folds_checkpoint',
    );
    return Number(rows[0]?.position ?? 0);
  }
}

/**
 * Folds these offer streams (each with all its events up to the last one given) and tells each
 * offer's fold, keyed by the position of its last event folded.
 */
export function foldOffers(streams: ReadonlyMap<string, readonly RecordedEvent[]>): OfferFold[] {
  const history = new OfferHistory('occurred');
  const folds: OfferFold[] = [];
  for (const [stream, events] of streams) {
    const last = events.reduce((at, event) => Math.max(at, event.position), 0);
    if (last === 0) continue;
    history.addStream(stream, events);
    const offerId = idOfStream(stream);
    folds.push({ offerId, changedAt: last, versions: history.versionsOf(offerId) });
  }
  return folds;
}

/** The events of these offer streams, by stream: searched a page at a time, or read stream by stream. */
export async function readOfferStreams(
  store: EventStore,
  streams: readonly string[],
): Promise<Map<string, RecordedEvent[]>> {
  if (!canSearch(store)) {
    const byStream = new Map<string, RecordedEvent[]>();
    for (let start = 0; start < streams.length; start += STREAM_READS) {
      const batch = streams.slice(start, start + STREAM_READS);
      const read = await Promise.all(batch.map((stream) => store.readStream(stream)));
      for (const [at, stream] of batch.entries()) byStream.set(stream, read[at] ?? []);
    }
    return byStream;
  }
  // Newest first, a page at a time.
  return offerStreams(
    await everyPage((last) =>
      store.searchEvents({
        streams: [...streams],
        direction: 'backwards',
        limit: READ_PAGE,
        ...(last ? { beforePosition: last.position } : {}),
      }),
    ),
  );
}

/** The events of every page `read` gives, each page read after the last event of the one before, until one is not full. */
export async function everyPage(
  read: (last: RecordedEvent | undefined) => Promise<RecordedEvent[]>,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let last: RecordedEvent | undefined; ; ) {
    const page = await read(last);
    events.push(...page);
    if (page.length < READ_PAGE) return events;
    last = page.at(-1);
  }
}
