import { MemoryEventStore, type ProjectableEvent } from '@cls/event-store';
import { createPool } from '@cls/postgres';
import { createTestDatabase, type TestDatabase } from '@cls/testing';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import {
  ALL_PROJECTIONS,
  actionBoardProjection,
  contractsProjection,
  indicatorsProjection,
  liveSchema,
  meansProjection,
  offerReportsProjection,
  offersProjection,
  type Projection,
  ProjectionRunner,
  type ProjectionTransaction,
  readModelChecksum,
  replayCheck,
  usersProjection,
} from './index.js';
import { appendEveryReadModel, appendScenario } from './testing-scenario.js';

async function storeWithContracts(count: number) {
  const store = new MemoryEventStore();
  for (let n = 0; n < count; n += 1) await appendScenario(store, `cls-${n}`);
  return store;
}

const headOf = async (store: MemoryEventStore) =>
  (await store.readAll({ limit: 100_000 })).at(-1)?.position ?? 0;

/** A log of one event per stream, of these types (positions 1, 2…). */
async function storeOf(types: string[]) {
  const store = new MemoryEventStore();
  for (const [n, type] of types.entries())
    await store.append(`s-${n}`, [{ type, data: { n } }], { actor: { id: 'test', role: 'admin' } });
  return store;
}

/** A projection that writes the position of each event it handles in `seen`, after `before`. */
const seeing = (
  name: string,
  handled: string,
  before: (event: ProjectableEvent, tx: ProjectionTransaction) => void = () => {},
): Projection => ({
  name,
  version: 1,
  handles: [handled],
  schemaSql: 'CREATE TABLE {schema}.seen (n integer PRIMARY KEY)',
  apply: (event, tx) => {
    before(event, tx);
    tx.execute(`INSERT INTO ${tx.schema}.seen (n) VALUES ($1)`, [event.position]);
  },
});

/** The contracts read model's version in the code: the rebuild tests build the next one beside it. */
const LIVE = contractsProjection.version;
const indicatorsVersion = indicatorsProjection.version;
const meansVersion = meansProjection.version;

describe('ProjectionRunner', () => {
  const databases: TestDatabase[] = [];
  const freshDatabase = async () => {
    const database = await createTestDatabase(inject('postgresServerUrl'));
    databases.push(database);
    return { database, pool: createPool(database.url) };
  };
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  });

  it('killed in the middle of the log, then restarted, gives the same read models as an uninterrupted run', async () => {
    const store = await storeWithContracts(12);
    const head = await headOf(store);

    const reference = await freshDatabase();
    const uninterrupted = new ProjectionRunner(store, reference.pool, ALL_PROJECTIONS, { batchSize: 20 });
    await uninterrupted.start();
    expect(await uninterrupted.waitFor(head, 10_000)).toBe(true);
    await uninterrupted.stop();

    const target = await freshDatabase();
    // The transaction "dies" in the database at the 150th application (half of its page
    // already written): the whole page is rolled back with its checkpoints.
    let applied = 0;
    const dying: Projection[] = ALL_PROJECTIONS.map(({ applyPage: _byPage, ...projection }) => ({
      ...projection,
      apply(event, tx) {
        applied += 1;
        projection.apply(event, tx);
        if (applied === 150) tx.execute('SELECT 1 / 0');
      },
    }));
    const errors: unknown[] = [];
    const first = new ProjectionRunner(store, target.pool, dying, {
      batchSize: 20,
      // It dies in a catch-up page (pages of 45 once the first came back full).
      catchUpBatchSize: 45,
      retryDelayMs: 60_000,
      onError: (e) => errors.push(e),
    });
    await first.start();
    await expect.poll(() => errors.length).toBe(1);
    await first.stop();
    const stoppedAt = Math.min(...first.status().map((status) => status.position));
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(head);

    const second = new ProjectionRunner(store, target.pool, ALL_PROJECTIONS, { batchSize: 20 });
    await second.start();
    expect(await second.waitFor(head, 10_000)).toBe(true);
    await second.stop();

    for (const { name } of ALL_PROJECTIONS) {
      expect(await readModelChecksum(target.pool, name)).toBe(await readModelChecksum(reference.pool, name));
    }
    await Promise.all([reference.pool.end(), target.pool.end()]);
  });

  it('leaves the same read models whatever the page size (pages fold rows in memory)', async () => {
    const store = await storeWithContracts(4);
    const head = await headOf(store);
    const checksums: string[][] = [];
    for (const batchSize of [1, 7, 1000]) {
      const { pool } = await freshDatabase();
      const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS, { batchSize });
      await runner.start();
      expect(await runner.waitFor(head, 20_000)).toBe(true);
      await runner.stop();
      checksums.push(await Promise.all(ALL_PROJECTIONS.map(({ name }) => readModelChecksum(pool, name))));
      await pool.end();
    }
    expect(checksums[1]).toEqual(checksums[0]);
    expect(checksums[2]).toEqual(checksums[0]);
  });

  it('folds a page into the rows each event applied alone leaves, for every read model (applyPage = apply)', async () => {
    const store = new MemoryEventStore();
    for (let n = 0; n < 3; n += 1) await appendEveryReadModel(store, `cls-${n}`);
    const head = await headOf(store);
    const build = async (projections: Projection[], batchSize: number, catchUpBatchSize?: number) => {
      const { pool } = await freshDatabase();
      const runner = new ProjectionRunner(store, pool, projections, { batchSize, catchUpBatchSize });
      await runner.start();
      expect(await runner.waitFor(head, 20_000)).toBe(true);
      await runner.stop();
      return pool;
    };
    // Event by event: `apply` only, whatever the page.
    const eventByEvent = await build(
      ALL_PROJECTIONS.map(({ applyPage: _byPage, ...projection }) => projection),
      1000,
    );
    // The scenario feeds what the folded pages write (a test that cannot fail is no test).
    const counts = await eventByEvent.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM rm_indicators_v${indicatorsVersion}.measures) AS measures,
              (SELECT count(*)::int FROM rm_indicators_v${indicatorsVersion}.contract_revisions) AS revisions,
              (SELECT count(*)::int FROM rm_means_v${meansVersion}.means_events) AS means,
              (SELECT count(*)::int FROM rm_means_v${meansVersion}.actions WHERE title = 'Dépistage organisé des cancers') AS retitled,
              (SELECT count(*)::int FROM rm_offers_v${offersProjection.version}.offers) AS offers,
              (SELECT count(*)::int FROM rm_offers_v${offersProjection.version}.offers
                WHERE closed_on IS NOT NULL OR name = 'MSP du Salagou' OR coverage <> '{}') AS changed,
              (SELECT string_agg(DISTINCT status || ' ' || handled_on, ', ') FROM rm_offer_reports_v${offerReportsProjection.version}.offer_reports) AS reports,
              (SELECT string_agg(code || ' > ' || axis_code, ', ' ORDER BY code) FROM rm_action_board_v${actionBoardProjection.version}.fiches
                WHERE contract_id = 'cls-0-brouillon') AS fiches,
              (SELECT axis_code FROM rm_action_board_v${actionBoardProjection.version}.actions WHERE action_id = 'cls-0-brouillon.1') AS moved,
              (SELECT string_agg(role || ' ' || departments::text, ', ' ORDER BY user_id, role)
                 FROM rm_users_v${usersProjection.version}.grants WHERE user_id LIKE 'cls-0-%') AS grants`,
    );
    expect(counts.rows[0]).toEqual({
      measures: 6,
      revisions: 6,
      means: 9,
      retitled: 3,
      offers: 9,
      changed: 9,
      reports: 'dismissed 2025-03-03, resolved 2025-03-05',
      fiches: '1.1 > 2, 1.2 > 2, 2.1 > 2',
      moved: '2',
      grants: 'ars {11,34}, coordinator {}',
    });
    // Pages of 1000, of 7, and of 7 then 60 once behind (catching up in larger transactions).
    for (const [batchSize, catchUpBatchSize] of [[1000], [7], [7, 60]]) {
      const folded = await build(ALL_PROJECTIONS, batchSize ?? 1000, catchUpBatchSize);
      for (const { name } of ALL_PROJECTIONS) {
        expect(await readModelChecksum(folded, name), name).toBe(await readModelChecksum(eventByEvent, name));
      }
      await folded.end();
    }
    await eventByEvent.end();
  });

  it('builds a new version beside the live one, then swaps it in and drops the old tables', async () => {
    const store = await storeWithContracts(3);
    const { pool } = await freshDatabase();
    const v1 = new ProjectionRunner(store, pool, [contractsProjection]);
    await v1.start();
    expect(await v1.waitFor(await headOf(store), 10_000)).toBe(true);
    await v1.stop();
    expect(await liveSchema(pool, 'contracts')).toBe(`rm_contracts_v${LIVE}`);

    // The next version adds a column; readers keep the live one until it has read the whole log.
    const contractsV2: Projection = {
      ...contractsProjection,
      version: LIVE + 1,
      schemaSql: `${contractsProjection.schemaSql} ALTER TABLE {schema}.contracts ADD COLUMN note text;`,
    };
    const v2 = new ProjectionRunner(store, pool, [contractsV2]);
    await v2.start();
    expect(await v2.waitFor(await headOf(store), 10_000)).toBe(true);
    await expect.poll(() => liveSchema(pool, 'contracts')).toBe(`rm_contracts_v${LIVE + 1}`);
    await v2.stop();
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM rm_contracts_v${LIVE + 1}.contracts`);
    expect(rows[0]).toEqual({ n: 3 });
    const old = await pool.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
      `rm_contracts_v${LIVE}`,
    ]);
    expect(old.rowCount).toBe(0);
    await pool.end();
  });

  it('waits, when asked before it has started, for its projections to pass the position', async () => {
    const store = await storeWithContracts(1);
    const { pool } = await freshDatabase();
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    const head = await headOf(store);
    // Not started: nothing to wait on yet, which is no reason to say the position is passed.
    expect(await runner.waitFor(head, 200)).toBe(false);
    const waited = runner.waitFor(head, 10_000);
    await runner.start();
    expect(await waited).toBe(true);
    expect(runner.status().every((status) => status.position === head)).toBe(true);
    await runner.stop();
    await pool.end();
  });

  it('follows live appends and reports its lag', async () => {
    const store = await storeWithContracts(1);
    const { pool } = await freshDatabase();
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS, { pollIntervalMs: 60_000 });
    await runner.start();
    expect(await runner.waitFor(await headOf(store), 10_000)).toBe(true);
    await appendScenario(store, 'cls-live');
    const head = await headOf(store);
    // Woken by the append itself, long before the one-minute poll.
    await expect
      .poll(() => Math.min(...runner.status().map((status) => status.position)), { timeout: 10_000 })
      .toBe(head);
    expect(runner.status().every((status) => status.lag === 0)).toBe(true);
    const schema = await liveSchema(pool, 'action_board');
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.actions`);
    expect(rows[0]).toEqual({ n: 4 });
    await runner.stop();
    await pool.end();
  });

  it('reads the log once: a rebuild in its own pages, live events as the subscription delivered them', async () => {
    const store = await storeWithContracts(3);
    let read = 0;
    const readAll = store.readAll.bind(store);
    store.readAll = async (options) => {
      const page = await readAll(options);
      read += page.length;
      return page;
    };
    const readForProjections = store.readForProjections.bind(store);
    store.readForProjections = async (options) => {
      const page = await readForProjections(options);
      read += page.length;
      return page;
    };
    const { pool } = await freshDatabase();
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS, {
      batchSize: 25,
      pollIntervalMs: 60_000,
    });
    const built = await headOf(store);
    read = 0;
    await runner.start();
    expect(await runner.waitFor(built, 10_000)).toBe(true);
    expect(read).toBe(built);

    read = 0;
    const statements = vi.spyOn(pool, 'query');
    await appendScenario(store, 'cls-live');
    const head = (await readAll({ limit: 100_000 })).at(-1)?.position;
    await expect
      .poll(() => Math.min(...runner.status().map((status) => status.position)), { timeout: 10_000 })
      .toBe(head);
    // The subscription read each live event once; the runner applied what it delivered.
    expect(read).toBe((head as number) - built);
    // The projections that passed a page stored their checkpoints in the transaction of one
    // that applied it, not in a round trip of their own.
    await expect
      .poll(
        async () =>
          (await pool.query('SELECT min(position)::int AS at FROM projection_checkpoints')).rows[0].at,
      )
      .toBe(head);
    expect(statements.mock.calls.filter(([sql]) => String(sql).includes('projections_pass'))).toEqual([]);
    await runner.stop();
    await pool.end();
  });

  it('replays every read model into shadow tables: identical to the live ones, until someone edits a live table', async () => {
    const store = await storeWithContracts(3);
    const { pool } = await freshDatabase();
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS, { batchSize: 25 });
    await runner.start();
    expect(await runner.waitFor(await headOf(store), 10_000)).toBe(true);

    const clean = await replayCheck(store, pool, ALL_PROJECTIONS);
    expect(clean.position).toBe(await headOf(store));
    expect(clean.readModels.map((model) => [model.name, model.identical])).toEqual(
      ALL_PROJECTIONS.map((projection) => [projection.name, true]),
    );

    await pool.query(
      `UPDATE ${await liveSchema(pool, 'contracts')}.contracts SET name = 'modifié à la main'`,
    );
    const tampered = await replayCheck(store, pool, ALL_PROJECTIONS);
    expect(tampered.readModels.filter((model) => !model.identical).map((model) => model.name)).toEqual([
      'contracts',
    ]);
    // The shadow tables are gone.
    const { rows } = await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm_replay_%'`);
    expect(rows).toEqual([]);
    await runner.stop();
    await pool.end();
  });

  it('shares the work between replicas: one applies each projection, the other follows it and takes over when it stops', async () => {
    const store = await storeWithContracts(2);
    const { database, pool } = await freshDatabase();
    const otherPool = createPool(database.url);
    const options = { batchSize: 25, leaseRetryMs: 50, pollIntervalMs: 50 };
    const first = new ProjectionRunner(store, pool, ALL_PROJECTIONS, options);
    await first.start();
    const second = new ProjectionRunner(store, otherPool, ALL_PROJECTIONS, options);
    await second.start();
    expect(first.held()).toEqual(ALL_PROJECTIONS.map((projection) => projection.name));
    expect(second.held()).toEqual([]);

    // Read-your-writes holds on both: the follower sees the holder's checkpoints move.
    await appendScenario(store, 'cls-late');
    const head = await headOf(store);
    expect(await first.waitFor(head, 10_000)).toBe(true);
    expect(await second.waitFor(head, 10_000)).toBe(true);

    // The holder stops (its process dies): the follower takes every projection over.
    await first.stop();
    await expect.poll(() => second.held().length, { timeout: 10_000 }).toBe(ALL_PROJECTIONS.length);
    await appendScenario(store, 'cls-after');
    expect(await second.waitFor(await headOf(store), 10_000)).toBe(true);
    await second.stop();

    const reference = await freshDatabase();
    const alone = new ProjectionRunner(store, reference.pool, ALL_PROJECTIONS, { batchSize: 25 });
    await alone.start();
    expect(await alone.waitFor(await headOf(store), 10_000)).toBe(true);
    await alone.stop();
    for (const projection of ALL_PROJECTIONS) {
      expect(await readModelChecksum(pool, projection.name)).toBe(
        await readModelChecksum(reference.pool, projection.name),
      );
    }
    await Promise.all([pool.end(), otherPool.end(), reference.pool.end()]);
  });

  it('moves the checkpoints of passed pages together, only from where their worker read them', async () => {
    const store = await storeWithContracts(1);
    const { pool } = await freshDatabase();
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    expect(await runner.waitFor(await headOf(store), 10_000)).toBe(true);
    await runner.stop();
    const positions = async () =>
      (
        await pool.query<{ name: string; position: string }>(
          `SELECT name, position::text FROM projection_checkpoints WHERE name = ANY($1) ORDER BY name`,
          [['action_board', 'contracts']],
        )
      ).rows.map((row) => [row.name, Number(row.position)]);
    const before = await positions();
    const at = (name: string) => before.find(([candidate]) => candidate === name)?.[1] as number;
    const pass = (boardFrom: number) =>
      pool.query('SELECT projections_pass($1, $2, $3, $4)', [
        ['action_board', 'contracts'],
        [ALL_PROJECTIONS.find((p) => p.name === 'action_board')?.version, LIVE],
        [boardFrom, at('contracts')],
        [at('action_board') + 5, at('contracts') + 5],
      ]);
    // Another worker moved one of them since: neither moves, and the worker is told (40001).
    await expect(pass(at('action_board') - 1)).rejects.toMatchObject({ code: '40001' });
    expect(await positions()).toEqual(before);
    await pass(at('action_board'));
    expect(await positions()).toEqual(before.map(([name, position]) => [name, (position as number) + 5]));
    await pool.end();
  });

  it('builds the query indexes once caught up, not while catching up, even across a restart', async () => {
    const store = await storeOf(Array(30).fill('Common'));
    const indexed: Projection = {
      name: 'indexed',
      version: 1,
      handles: ['Common'],
      schemaSql: 'CREATE TABLE {schema}.seen (n integer PRIMARY KEY, k integer NOT NULL)',
      queryIndexesSql: 'CREATE INDEX seen_k ON {schema}.seen (k)',
      apply: (event, tx) =>
        tx.execute(`INSERT INTO ${tx.schema}.seen (n, k) VALUES ($1, $1 % 7)`, [event.position]),
    };
    // The log past position 20 is read only once the gate opens: the runner stops there, behind.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gated = {
      readForProjections: async (options: { fromPosition?: number; limit?: number }) => {
        if ((options.fromPosition ?? 0) >= 20) await gate;
        return store.readForProjections(options);
      },
      subscribeAll: store.subscribeAll.bind(store),
      headPosition: store.headPosition.bind(store),
    };
    const { pool } = await freshDatabase();
    const state = async () => {
      const { rows } = await pool.query<{ position: string; pending: boolean; indexes: number }>(
        `SELECT position::text, indexes_pending AS pending,
                (SELECT count(*)::int FROM pg_indexes WHERE schemaname = 'rm_indexed_v1' AND indexname = 'seen_k') AS indexes
           FROM projection_checkpoints WHERE name = 'indexed'`,
      );
      return rows[0];
    };
    const first = new ProjectionRunner(gated, pool, [indexed], { batchSize: 10 });
    await first.start();
    await expect.poll(state).toEqual({ position: '20', pending: true, indexes: 0 });
    // Stopped behind the log (its last page full): the indexes are still to build.
    const stopped = first.stop();
    open();
    await stopped;
    expect(await state()).toEqual({ position: '30', pending: true, indexes: 0 });

    const second = new ProjectionRunner(store, pool, [indexed], { batchSize: 10 });
    await second.start();
    expect(await second.waitFor(30, 5_000)).toBe(true);
    await second.stop();
    expect(await state()).toEqual({ position: '30', pending: false, indexes: 1 });
    await pool.end();
  });

  /**
   * `common` and `rare` count the events of their type, in pages of 4 (`common`'s first event
   * held up `firstDelay` seconds): the errors of their runner, and their checkpoints.
   */
  const commonAndRare = async (types: string[], firstDelay = 0) => {
    const store = await storeOf(types);
    const counting = (name: string, handled: string) =>
      seeing(name, handled, (event, tx) => {
        if (event.position === 1 && firstDelay > 0) tx.execute('SELECT pg_sleep($1)', [firstDelay]);
      });
    const { pool } = await freshDatabase();
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(
      store,
      pool,
      [counting('common', 'Common'), counting('rare', 'Rare')],
      {
        batchSize: 4,
        retryDelayMs: 60_000,
        onError: (error) => errors.push(error),
      },
    );
    await runner.start();
    const caughtUp = await runner.waitFor(await headOf(store), 5_000);
    await runner.stop();
    const { rows: checkpoints } = await pool.query<{ name: string; position: string }>(
      `SELECT name, position::text FROM projection_checkpoints WHERE name IN ('common', 'rare') ORDER BY name`,
    );
    await pool.end();
    return { caughtUp, errors, checkpoints };
  };

  it('applies a page after passing the one before, behind the log, without moving its checkpoint twice', async () => {
    // No projection handles the first page: it is passed in memory, the checkpoints not written
    // (no transaction to carry them, the runner behind the log). Both apply the second: each
    // moves its own checkpoint, which no other transaction of the page may also move.
    const types = ['Other', 'Other', 'Other', 'Other', 'Rare', 'Common', 'Common', 'Common'];
    expect(await commonAndRare(types)).toEqual({
      caughtUp: true,
      errors: [],
      checkpoints: [
        { name: 'common', position: '8' },
        { name: 'rare', position: '8' },
      ],
    });
  });

  it('leaves two of the pool’s connections to queries while it rebuilds every read model', async () => {
    const store = await storeWithContracts(4);
    const { database } = await freshDatabase();
    const pool = createPool(database.url, { max: 7 });
    let held = 0;
    let most = 0;
    pool.on('acquire', () => {
      held += 1;
      most = Math.max(most, held);
    });
    pool.on('release', () => {
      held -= 1;
    });
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS, { batchSize: 50 });
    await runner.start();
    expect(await runner.waitFor(await headOf(store), 20_000)).toBe(true);
    await runner.stop();
    // Its lease session and four writers at most, with 11 projections behind the log (and
    // side by side: more than one writer at once).
    expect(most).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThanOrEqual(3);
    await pool.end();
  });

  it('behind the log, starts a projection on its next page while another still writes the last one', async () => {
    const store = await storeOf(Array(30).fill('Common'));
    // `slow` takes half a second over its first page; `quick` records, with each event, where
    // `slow`'s checkpoint stood when its own transaction wrote it.
    const slow = seeing('slow', 'Common', (event, tx) => {
      if (event.position === 1) tx.execute('SELECT pg_sleep(0.5)');
    });
    const quick: Projection = {
      name: 'quick',
      version: 1,
      handles: ['Common'],
      schemaSql: 'CREATE TABLE {schema}.seen (n integer PRIMARY KEY, slow_at bigint NOT NULL)',
      apply: (event, tx) =>
        tx.execute(
          `INSERT INTO ${tx.schema}.seen (n, slow_at)
           SELECT $1, position FROM projection_checkpoints WHERE name = 'slow'`,
          [event.position],
        ),
    };
    const { pool } = await freshDatabase();
    const runner = new ProjectionRunner(store, pool, [slow, quick], { batchSize: 10 });
    await runner.start();
    expect(await runner.waitFor(await headOf(store), 10_000)).toBe(true);
    await runner.stop();
    const { rows } = await pool.query<{ n: number; slow_at: number }>(
      'SELECT n, slow_at::int FROM rm_quick_v1.seen WHERE n IN (11, 21) ORDER BY n',
    );
    // Its second page was written while `slow` was still on its first (its checkpoint at 0), its
    // third only once `slow` had written its first: never more than one page ahead.
    expect(rows[0]).toEqual({ n: 11, slow_at: 0 });
    expect(rows[1]?.slow_at).toBeGreaterThanOrEqual(10);
    const seen = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rm_slow_v1.seen');
    expect(seen.rows[0]).toEqual({ n: 30 });
    await pool.end();
  });

  it('fails the pages a projection was given after a page it failed, even those given before it failed', async () => {
    const store = await storeOf(Array(40).fill('Common'));
    // `failing` fails its third page (21-30) once, at once; `slow` holds up each page it writes,
    // so the fourth page is given to `failing` after its third has failed.
    let failed = false;
    const failing = seeing('failing', 'Common', (event, tx) => {
      if (event.position === 25 && !failed) {
        failed = true;
        tx.execute('SELECT 1 / 0');
      }
    });
    const slow = seeing('slow', 'Common', (event, tx) => {
      if (event.position % 10 === 1) tx.execute('SELECT pg_sleep(0.1)');
    });
    const errors: unknown[] = [];
    const { pool } = await freshDatabase();
    const runner = new ProjectionRunner(store, pool, [failing, slow], {
      batchSize: 10,
      retryDelayMs: 50,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    expect(await runner.waitFor(await headOf(store), 10_000)).toBe(true);
    await runner.stop();
    expect(errors).toHaveLength(1);
    // Every event written once its page went through again: none of the failed page lost.
    const { rows } = await pool.query<{ n: number; first: number; last: number }>(
      'SELECT count(*)::int AS n, min(n) AS first, max(n) AS last FROM rm_failing_v1.seen',
    );
    expect(rows[0]).toEqual({ n: 40, first: 1, last: 40 });
    await pool.end();
  });

  it('writes a passed checkpoint with another projection’s page, before that projection’s own next page', async () => {
    // `rare` passes the first page (no event of its own): its checkpoint goes with `common`'s
    // transaction, slowed down. Its second page must wait for that transaction, whose
    // `projections_pass` would otherwise find the checkpoint moved and fail (40001).
    const types = ['Common', 'Common', 'Common', 'Common', 'Rare', 'Common', 'Common', 'Common'];
    expect(await commonAndRare(types, 0.3)).toEqual({
      caughtUp: true,
      errors: [],
      checkpoints: [
        { name: 'common', position: '8' },
        { name: 'rare', position: '8' },
      ],
    });
  });

  it('killed in the middle of a rebuild (a new version beside the live one), then restarted, converges and swaps', async () => {
    const store = await storeWithContracts(8);
    const head = await headOf(store);
    const { pool } = await freshDatabase();
    const live = new ProjectionRunner(store, pool, [contractsProjection], { batchSize: 20 });
    await live.start();
    expect(await live.waitFor(head, 10_000)).toBe(true);
    await live.stop();

    // The next version is built beside the live one, and its runner dies (a failing page) half-way.
    const next = { ...contractsProjection, version: LIVE + 1 };
    let pages = 0;
    const dying: Projection = {
      ...next,
      applyPage(events, tx) {
        pages += 1;
        next.applyPage?.(events, tx);
        if (pages === 4) tx.execute('SELECT 1 / 0');
      },
    };
    const errors: unknown[] = [];
    const rebuilding = new ProjectionRunner(store, pool, [dying], {
      batchSize: 20,
      retryDelayMs: 60_000,
      onError: (error) => errors.push(error),
    });
    await rebuilding.start();
    await expect.poll(() => errors.length).toBe(1);
    await rebuilding.stop();
    expect(rebuilding.status()[0]).toMatchObject({ status: 'building' });
    // Readers still read the live version meanwhile.
    expect(await liveSchema(pool, 'contracts')).toBe(`rm_contracts_v${LIVE}`);

    const restarted = new ProjectionRunner(store, pool, [next], { batchSize: 20 });
    await restarted.start();
    expect(await restarted.waitFor(head, 10_000)).toBe(true);
    await expect.poll(() => liveSchema(pool, 'contracts')).toBe(`rm_contracts_v${LIVE + 1}`);
    await restarted.stop();

    const reference = await freshDatabase();
    const uninterrupted = new ProjectionRunner(store, reference.pool, [next], { batchSize: 20 });
    await uninterrupted.start();
    expect(await uninterrupted.waitFor(head, 10_000)).toBe(true);
    await uninterrupted.stop();
    expect(await readModelChecksum(pool, 'contracts')).toBe(
      await readModelChecksum(reference.pool, 'contracts'),
    );
    await Promise.all([pool.end(), reference.pool.end()]);
  });
});
