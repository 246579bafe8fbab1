import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidEventPayload, MAX_EVENT_BYTES, WrongExpectedRevision } from '../errors.js';
import { canSearch } from '../event-search.js';
import { eventHash, GENESIS_HASH, globalEventHash } from '../hash-chain.js';
import type {
  AppendOptions,
  EventSearch,
  EventStore,
  ProjectableEvent,
  RecordedEvent,
  SubscriptionMessage,
} from '../types.js';
import { Upcasters } from '../upcasting.js';

/** What an adapter gives the contract suite: a fresh, empty log per test. */
export interface EventStoreFixture {
  store: EventStore;
  /** A second handle on the same log, as another process or replica would hold. */
  openAnother(): Promise<EventStore>;
  /** Changes the stored payload of one event behind the store's back. */
  tamper(stream: string, revision: number, data: unknown): Promise<void>;
  /** Drops the log and closes every handle. */
  dispose(): Promise<void>;
  /**
   * For a store that cannot search (KurrentDB): the index of its log that the platform keeps in
   * PostgreSQL (PostgresEventIndex), brought up to the log's head. The search tests run on it.
   */
  index?(): Promise<EventSearch>;
}

/**
 * `store` as a store that cannot search its log (as KurrentDB): the same reads and appends, no
 * `searchEvents` nor `eventFacets`. For tests of what the platform does then.
 */
export function withoutSearch(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'searchEvents' || property === 'eventFacets') return undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export type EventStoreFactory = (options: { upcasters: Upcasters }) => Promise<EventStoreFixture>;

const actor = { id: 'user-coordinatrice', role: 'coordinator' };
const by = (extra: Partial<AppendOptions> = {}): AppendOptions => ({ actor, ...extra });
const unique = (category: string) => `${category}-${randomUUID()}`;

/** Upcaster used by the suite: v1 `{ name }` became v2 `{ label, renamed: true }`. */
function suiteUpcasters(): Upcasters {
  return new Upcasters().register('OfferRenamed', 1, (data: { name: string }) => ({
    label: data.name,
    renamed: true,
  }));
}

async function collect(
  iterator: AsyncIterator<SubscriptionMessage>,
  until: (messages: SubscriptionMessage[]) => boolean,
  timeoutMs = 10_000,
): Promise<SubscriptionMessage[]> {
  const messages: SubscriptionMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!until(messages)) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`abonnement : ${messages.length} messages reçus, délai dépassé`);
    const next = await Promise.race([
      iterator.next(),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), remaining)),
    ]);
    if (next === 'timeout') continue;
    if (next.done) break;
    messages.push(next.value);
  }
  return messages;
}

const eventsOf = (messages: SubscriptionMessage[]) =>
  messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));

/**
 * The behaviour every EventStore adapter must have. Each test gets an empty log
 * from `factory`; pass `skip` (the reason) when the adapter's server is absent.
 */
export function describeEventStore(name: string, factory: EventStoreFactory, skip?: string): void {
  describe.skipIf(Boolean(skip))(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    beforeEach(async () => {
      fixture = await factory({ upcasters: suiteUpcasters() });
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture?.dispose();
    });

    describe('append', () => {
      it('stores one event with its envelope and metadata', async () => {
        const stream = unique('action');
        const before = Date.now();
        const result = await store.append(
          stream,
          [{ type: 'ActionStarted', data: { startedOn: '2025-01-06' } }],
          {
            ...by({ commandId: 'cmd-1', correlationId: 'corr-1', causationId: 'cause-1' }),
            expectedRevision: 'no_stream',
          },
        );
        expect(result).toMatchObject({ stream, nextExpectedRevision: 0 });
        expect(result.position).toBeGreaterThan(0);

        const [event] = await store.readStream(stream);
        expect(event).toMatchObject({
          stream,
          revision: 0,
          position: result.position,
          type: 'ActionStarted',
          version: 1,
          data: { startedOn: '2025-01-06' },
          metadata: {
            actor,
            commandId: 'cmd-1',
            correlationId: 'corr-1',
            causationId: 'cause-1',
            prevHash: GENESIS_HASH,
          },
        });
        expect(event?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(event?.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
        const recordedAt = Date.parse(event?.metadata.recordedAt ?? '');
        expect(recordedAt).toBeGreaterThanOrEqual(before - 1000);
        expect(recordedAt).toBeLessThanOrEqual(Date.now() + 1000);
        expect(event?.metadata.occurredAt).toBe(event?.metadata.recordedAt);
      });

      it('keeps a client label in the metadata, in the hash, and none when none is given', async () => {
        const stream = unique('action');
        await store.append(
          stream,
          [{ type: 'ActionStarted', data: {} }],
          by({ label: 'import-avancement.csv' }),
        );
        await store.append(stream, [{ type: 'ProgressReported', data: {} }], by());
        const [labelled, plain] = await store.readStream(stream);
        expect(labelled?.metadata.label).toBe('import-avancement.csv');
        expect(plain?.metadata).not.toHaveProperty('label');
        expect(await store.verifyStream(stream)).toMatchObject({ ok: true });
        // The label is part of what the hash covers.
        const forged = {
          ...labelled,
          metadata: { ...labelled?.metadata, label: 'autre' },
        } as typeof labelled;
        expect(forged && eventHash(forged)).not.toBe(labelled?.metadata.hash);
      });

      it('appends many events at once, with consecutive revisions and positions', async () => {
        const stream = unique('contract');
        const result = await store.append(
          stream,
          [
            { type: 'ContractDrafted', data: { title: 'CLS Cœur d’Hérault' } },
            { type: 'AxisDefined', data: { axis: 1 } },
            { type: 'AxisDefined', data: { axis: 2 } },
          ],
          by(),
        );
        expect(result.nextExpectedRevision).toBe(2);
        const events = await store.readStream(stream);
        expect(events.map((event) => event.revision)).toEqual([0, 1, 2]);
        const positions = events.map((event) => event.position);
        expect(positions).toEqual([positions[0], (positions[0] ?? 0) + 1, (positions[0] ?? 0) + 2]);
        expect(result.position).toBe(positions[2]);
        expect(events[1]?.metadata.prevHash).toBe(events[0]?.metadata.hash);
        expect(await store.streamRevision(stream)).toBe(2);
      });

      it('keeps the business time given for an event recorded later', async () => {
        const stream = unique('action');
        await store.append(
          stream,
          [{ type: 'DeliverableProduced', data: {}, occurredAt: new Date('2025-03-14T09:30:00.000Z') }],
          by(),
        );
        const [event] = await store.readStream(stream);
        expect(event?.metadata.occurredAt).toBe('2025-03-14T09:30:00.000Z');
        expect(event?.metadata.recordedAt).not.toBe('2025-03-14T09:30:00.000Z');
      });

      it('honours expectedRevision any, no_stream, exists and a number', async () => {
        const stream = unique('convention');
        await expect(
          store.append(stream, [{ type: 'A', data: {} }], { ...by(), expectedRevision: 'exists' }),
        ).rejects.toMatchObject({
          name: 'WrongExpectedRevision',
          actualRevision: undefined,
        });
        await store.append(stream, [{ type: 'A', data: {} }], { ...by(), expectedRevision: 'no_stream' });
        await expect(
          store.append(stream, [{ type: 'B', data: {} }], { ...by(), expectedRevision: 'no_stream' }),
        ).rejects.toMatchObject({ name: 'WrongExpectedRevision', actualRevision: 0 });
        await store.append(stream, [{ type: 'B', data: {} }], { ...by(), expectedRevision: 'exists' });
        await store.append(stream, [{ type: 'C', data: {} }], { ...by(), expectedRevision: 1 });
        await store.append(stream, [{ type: 'D', data: {} }], { ...by(), expectedRevision: 'any' });
        expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['A', 'B', 'C', 'D']);
      });

      it('refuses a stale revision with the actual one, and appends nothing of the batch', async () => {
        const stream = unique('action');
        await store.append(stream, [{ type: 'ActionPlanned', data: {} }], by());
        await store.append(stream, [{ type: 'ActionStarted', data: {} }], by());
        const headBefore = (await store.readAll({ limit: 10_000 })).length;

        const error = await store
          .append(
            stream,
            [
              { type: 'ProgressReported', data: {} },
              { type: 'ActionCompleted', data: {} },
            ],
            { ...by(), expectedRevision: 0 },
          )
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ stream, expectedRevision: 0, actualRevision: 1 });
        expect(await store.streamRevision(stream)).toBe(1);
        expect((await store.readAll({ limit: 10_000 })).length).toBe(headBefore);
      });

      it('says the stream has no revision before its first event', async () => {
        expect(await store.streamRevision(unique('meeting'))).toBeUndefined();
      });

      it('rejects a stream name without category, and an event without type', async () => {
        await expect(store.append('sans_categorie', [{ type: 'A', data: {} }], by())).rejects.toThrow(
          /catégorie/,
        );
        await expect(store.append(unique('action'), [{ type: '', data: {} }], by())).rejects.toBeInstanceOf(
          InvalidEventPayload,
        );
      });
    });

    describe('idempotency', () => {
      it('answers a known command id with the first result and stores nothing new', async () => {
        const stream = unique('action');
        const commandId = randomUUID();
        const options = { ...by({ commandId }), expectedRevision: 'no_stream' as const };
        const first = await store.append(stream, [{ type: 'ActionStarted', data: { n: 1 } }], options);
        await store.append(stream, [{ type: 'ProgressReported', data: {} }], by());
        const again = await store.append(stream, [{ type: 'ActionStarted', data: { n: 1 } }], options);
        expect(again).toEqual(first);
        expect(await store.findCommand(commandId)).toEqual(first);
        expect(await store.findCommand(randomUUID())).toBeUndefined();
        expect((await store.readStream(stream)).map((event) => event.type)).toEqual([
          'ActionStarted',
          'ProgressReported',
        ]);
      });

      it('stores a command once when its retries race, from several handles', async () => {
        const other = await fixture.openAnother();
        const stream = unique('action');
        const commandId = randomUUID();
        const attempt = (handle: EventStore) =>
          handle.append(
            stream,
            [
              { type: 'DeliverableProduced', data: { title: 'Annuaire' } },
              { type: 'IndicatorMeasured', data: { value: 3 } },
            ],
            by({ commandId }),
          );
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, index) => attempt(index % 2 === 0 ? store : other)),
        );
        for (const result of results) expect(result).toEqual(results[0]);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('reading a stream', () => {
      async function streamOfFive() {
        const stream = unique('action');
        await store.append(
          stream,
          [0, 1, 2, 3, 4].map((n) => ({ type: 'ProgressReported', data: { n } })),
          by(),
        );
        return stream;
      }
      const ns = (events: RecordedEvent[]) => events.map((event) => (event.data as { n: number }).n);

      it('reads forwards and backwards, from and up to a revision, with a maximum count', async () => {
        const stream = await streamOfFive();
        expect(ns(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4]);
        expect(ns(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(ns(await store.readStream(stream, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(ns(await store.readStream(stream, { toRevision: 1 }))).toEqual([0, 1]);
        expect(ns(await store.readStream(stream, { fromRevision: 1, toRevision: 3 }))).toEqual([1, 2, 3]);
        expect(
          ns(await store.readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 })),
        ).toEqual([3, 2]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', toRevision: 3 }))).toEqual([4, 3]);
        expect(ns(await store.readStream(stream, { maxCount: 2 }))).toEqual([0, 1]);
        expect(await store.readStream(unique('action'))).toEqual([]);
      });

      it('reads a stream as the log knew it at a record time', async () => {
        const stream = unique('action');
        await store.append(stream, [{ type: 'ActionStarted', data: { n: 0 } }], by());
        await new Promise((resolve) => setTimeout(resolve, 25));
        const knownThen = new Date();
        await new Promise((resolve) => setTimeout(resolve, 25));
        await store.append(stream, [{ type: 'ActionCompleted', data: { n: 1 } }], by());
        expect(ns(await store.readStream(stream, { asOf: { recordedAt: knownThen } }))).toEqual([0]);
        expect(ns(await store.readStream(stream, { asOf: { recordedAt: new Date() } }))).toEqual([0, 1]);
      });

      it('reads a stream as things stood at a business time', async () => {
        const stream = unique('contract');
        await store.append(
          stream,
          [
            { type: 'MspOpened', data: { n: 0 }, occurredAt: '2019-03-01T00:00:00Z' },
            { type: 'MspOpened', data: { n: 1 }, occurredAt: '2021-09-01T00:00:00Z' },
            { type: 'ServiceStarted', data: { n: 2 }, occurredAt: '2019-11-15T00:00:00Z' },
          ],
          by(),
        );
        expect(
          ns(await store.readStream(stream, { asOf: { occurredAt: new Date('2019-12-31T23:59:59Z') } })),
        ).toEqual([0, 2]);
        expect(ns(await store.readStream(stream, { asOf: { occurredAt: new Date('2018-01-01') } }))).toEqual(
          [],
        );
      });
    });

    describe('reading all events', () => {
      it('reads by global position, after an exclusive position, with a limit and filters', async () => {
        const contract = unique('contract');
        const action = unique('action');
        const first = await store.append(contract, [{ type: 'ContractDrafted', data: {} }], by());
        await store.append(action, [{ type: 'ActionPlanned', data: {} }], by());
        await store.append(contract, [{ type: 'ContractSigned', data: {} }], by());
        await store.append(action, [{ type: 'ActionStarted', data: {} }], by());
        // The log may hold other tests' events: read from just before this test's first one.
        const since = first.position - 1;

        const all = await store.readAll({ fromPosition: since });
        expect(all.map((event) => event.type)).toEqual([
          'ContractDrafted',
          'ActionPlanned',
          'ContractSigned',
          'ActionStarted',
        ]);
        const positions = all.map((event) => event.position);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);

        const afterSecond = await store.readAll({ fromPosition: positions[1], limit: 1 });
        expect(afterSecond.map((event) => event.type)).toEqual(['ContractSigned']);
        expect(
          (await store.readAll({ fromPosition: since, filter: { categories: ['action'] } })).map(
            (event) => event.type,
          ),
        ).toEqual(['ActionPlanned', 'ActionStarted']);
        expect(
          (
            await store.readAll({
              fromPosition: since,
              filter: { eventTypes: ['ContractSigned', 'ActionStarted'] },
            })
          ).map((event) => event.stream),
        ).toEqual([contract, action]);
        expect(await store.readAll({ fromPosition: positions[3] })).toEqual([]);
      });

      it('reads for projections what readAll reads of each event, with the same bounds and filters', async () => {
        const contract = unique('contract');
        const action = unique('action');
        const first = await store.append(
          contract,
          [
            {
              type: 'ContractDrafted',
              data: { name: 'CLS du Lodévois' },
              occurredAt: '2024-03-14T09:30:00.000Z',
            },
          ],
          by({ actor: { id: 'coordinator-1', role: 'coordinator' } }),
        );
        await store.append(
          action,
          [{ type: 'ActionPlanned', data: { code: '1.1-A1' } }],
          by({ actor: { id: 'pilot-2', role: 'pilot' } }),
        );
        await store.append(contract, [{ type: 'ContractSigned', data: { signedOn: '2024-06-01' } }], by());
        const since = first.position - 1;
        /** What a projection reads of an event, from readAll's whole event. */
        const projectable = (event: ProjectableEvent) => ({
          stream: event.stream,
          revision: event.revision,
          position: event.position,
          type: event.type,
          version: event.version,
          data: event.data,
          metadata: {
            actor: { id: event.metadata.actor.id },
            occurredAt: event.metadata.occurredAt,
            recordedAt: event.metadata.recordedAt,
          },
        });
        for (const options of [
          { fromPosition: since },
          { fromPosition: since + 1, limit: 1 },
          { fromPosition: since, filter: { categories: ['action'] } },
          { fromPosition: since, filter: { eventTypes: ['ContractDrafted', 'ContractSigned'] } },
        ]) {
          const whole = (await store.readAll(options)).map(projectable);
          expect(whole.length, JSON.stringify(options)).toBeGreaterThan(0);
          expect((await store.readForProjections(options)).map(projectable), JSON.stringify(options)).toEqual(
            whole,
          );
        }
        const [drafted] = await store.readForProjections({ fromPosition: since, limit: 1 });
        expect(drafted?.metadata).toMatchObject({
          actor: { id: 'coordinator-1' },
          occurredAt: '2024-03-14T09:30:00.000Z',
        });
      });

      it('tells the position of the log’s last event', async () => {
        const first = await store.append(unique('meeting'), [{ type: 'MeetingScheduled', data: {} }], by());
        expect(await store.headPosition()).toBe(first.position);
        const second = await store.append(
          unique('meeting'),
          [
            { type: 'MeetingScheduled', data: {} },
            { type: 'MeetingHeld', data: {} },
          ],
          by(),
        );
        expect(await store.headPosition()).toBe(second.position);
        expect((await store.readAll({ fromPosition: first.position })).at(-1)?.position).toBe(
          second.position,
        );
      });
    });

    describe('searching the log (stores that can: PostgreSQL, memory)', () => {
      /** Two streams, two actors, one correlation across three commands, business times from 2019 to 2024. */
      async function smallLog() {
        const contract = unique('contract');
        const action = unique('action');
        const pilot = { id: `pilote-${randomUUID()}`, role: 'pilot' };
        const correlationId = randomUUID();
        const first = await store.append(
          contract,
          [{ type: 'ContractDrafted', data: { n: 0 }, occurredAt: '2019-03-01T00:00:00Z' }],
          by({ commandId: randomUUID(), correlationId }),
        );
        await store.append(
          action,
          [{ type: 'ActionPlanned', data: { n: 1 }, occurredAt: '2020-06-15T10:00:00Z' }],
          by({ commandId: randomUUID(), correlationId }),
        );
        const started = randomUUID();
        await store.append(
          action,
          [
            { type: 'ActionStarted', data: { n: 2 }, occurredAt: '2021-01-01T00:00:00Z' },
            { type: 'ProgressReported', data: { n: 3 }, occurredAt: '2024-12-31T23:59:59Z' },
          ],
          { actor: pilot, commandId: started, correlationId, causationId: started },
        );
        await store.append(
          contract,
          [{ type: 'ContractSigned', data: { n: 4 }, occurredAt: '2021-01-01T00:00:00Z' }],
          by({ commandId: randomUUID() }),
        );
        return { contract, action, pilot, correlationId, started, since: first.position - 1 };
      }
      const ns = (events: RecordedEvent[]) => events.map((event) => (event.data as { n: number }).n);
      /** The store when it can search, else the index of its log; the test is skipped without either. */
      const searchable = async (skip: (note: string) => never): Promise<EventSearch> =>
        canSearch(store)
          ? store
          : fixture.index
            ? fixture.index()
            : skip('this store reads by stream and position only, and no index of its log is given');

      it('filters by streams, category, type, actor, command and correlation, in either direction', async ({
        skip,
      }) => {
        const { contract, action, pilot, correlationId, started } = await smallLog();
        const log = await searchable(skip);
        const search = log.searchEvents.bind(log);
        const streams = [contract, action];
        expect(ns(await search({ streams, limit: 10 }))).toEqual([0, 1, 2, 3, 4]);
        expect(ns(await search({ streams, direction: 'backwards', limit: 10 }))).toEqual([4, 3, 2, 1, 0]);
        expect(ns(await search({ streams: [contract], limit: 10 }))).toEqual([0, 4]);
        expect(await search({ streams: [], limit: 10 })).toEqual([]);
        expect(ns(await search({ streams, category: 'action', limit: 10 }))).toEqual([1, 2, 3]);
        expect(ns(await search({ streams, type: 'ActionStarted', limit: 10 }))).toEqual([2]);
        expect(ns(await search({ actorId: pilot.id, limit: 10 }))).toEqual([2, 3]);
        expect(ns(await search({ commandId: started, limit: 10 }))).toEqual([2, 3]);
        expect(ns(await search({ correlationId, limit: 10 }))).toEqual([0, 1, 2, 3]);
        // Events come with their envelope, as the other reads give them.
        const [planned] = await search({ streams: [action], limit: 1 });
        expect(planned).toEqual((await store.readStream(action))[0]);
      });

      it('pages newest first before a position, and reads given positions', async ({ skip }) => {
        const { contract, action } = await smallLog();
        const log = await searchable(skip);
        const streams = [contract, action];
        const page = await log.searchEvents({ streams, direction: 'backwards', limit: 2 });
        expect(ns(page)).toEqual([4, 3]);
        const next = await log.searchEvents({
          streams,
          direction: 'backwards',
          beforePosition: page.at(-1)?.position,
          limit: 2,
        });
        expect(ns(next)).toEqual([2, 1]);
        const positions = [...page, ...next].map((event) => event.position);
        expect(ns(await log.searchEvents({ positions, limit: 10 }))).toEqual([1, 2, 3, 4]);
        expect(ns(await log.searchEvents({ positions, limit: 1 }))).toEqual([1]);
      });

      it('bounds business time and record time: from inclusive, until exclusive', async ({ skip }) => {
        const { contract, action } = await smallLog();
        const log = await searchable(skip);
        const streams = [contract, action];
        const occurred = (from?: string, until?: string) =>
          log.searchEvents({
            streams,
            occurredAt: {
              ...(from ? { from: new Date(from) } : {}),
              ...(until ? { until: new Date(until) } : {}),
            },
            limit: 10,
          });
        expect(ns(await occurred('2021-01-01T00:00:00Z'))).toEqual([2, 3, 4]);
        expect(ns(await occurred(undefined, '2021-01-01T00:00:00Z'))).toEqual([0, 1]);
        expect(ns(await occurred('2020-01-01T00:00:00Z', '2025-01-01T00:00:00Z'))).toEqual([1, 2, 3, 4]);
        const recorded = await log.searchEvents({
          streams,
          recordedAt: { from: new Date(Date.now() - 60_000), until: new Date(Date.now() + 60_000) },
          limit: 10,
        });
        expect(ns(recorded)).toEqual([0, 1, 2, 3, 4]);
        expect(
          await log.searchEvents({ streams, recordedAt: { until: new Date('2020-01-01') }, limit: 10 }),
        ).toEqual([]);
      });

      it('gives the categories, types and actors to filter on, actors by their number of events', async ({
        skip,
      }) => {
        const { pilot } = await smallLog();
        const log = await searchable(skip);
        const facets = await log.eventFacets();
        expect(facets.categories).toEqual(expect.arrayContaining(['action', 'contract']));
        expect([...facets.categories].sort()).toEqual(facets.categories);
        expect(facets.types).toEqual(
          expect.arrayContaining(['ActionPlanned', 'ActionStarted', 'ContractDrafted', 'ContractSigned']),
        );
        expect([...facets.types].sort()).toEqual(facets.types);
        const ours = facets.actors.filter((one) => one.id === actor.id || one.id === pilot.id);
        // The log may hold other tests' events, by the suite's actor too.
        expect(ours.find((one) => one.id === pilot.id)).toEqual({ ...pilot, events: 2 });
        expect(ours[0]?.id).toBe(actor.id);
        expect(ours[0]?.events).toBeGreaterThanOrEqual(3);
      });
    });

    describe('subscriptions', () => {
      it('delivers history, says caught-up, then delivers live events', async () => {
        const stream = unique('meeting');
        const first = await store.append(stream, [{ type: 'MeetingScheduled', data: {} }], by());
        const subscription = store.subscribeAll({ fromPosition: first.position - 1 });
        const iterator = subscription[Symbol.asyncIterator]();
        try {
          const history = await collect(iterator, (messages) => messages.some((m) => m.kind === 'caught-up'));
          expect(
            history.map((message) => (message.kind === 'event' ? message.event.type : message.kind)),
          ).toEqual(['MeetingScheduled', 'caught-up']);
          await store.append(stream, [{ type: 'MeetingHeld', data: { attendees: 12 } }], by());
          const live = await collect(iterator, (messages) => messages.length === 1);
          expect(live[0]).toMatchObject({ kind: 'event', event: { type: 'MeetingHeld', revision: 1 } });
        } finally {
          await subscription.close();
        }
      });

      it('filters by stream category and by event type', async () => {
        const first = await store.append(unique('contract'), [{ type: 'ContractDrafted', data: {} }], by());
        await store.append(unique('offer'), [{ type: 'OfferRegistered', data: {} }], by());
        await store.append(unique('offer'), [{ type: 'OfferClosed', data: {} }], by());
        const fromPosition = first.position - 1;

        const byCategory = store.subscribeAll({ fromPosition, filter: { categories: ['offer'] } });
        const byType = store.subscribeAll({
          fromPosition,
          filter: { eventTypes: ['ContractDrafted', 'OfferClosed'] },
        });
        try {
          const untilCaughtUp = (messages: SubscriptionMessage[]) =>
            messages.some((m) => m.kind === 'caught-up');
          const offers = eventsOf(await collect(byCategory[Symbol.asyncIterator](), untilCaughtUp));
          const typed = eventsOf(await collect(byType[Symbol.asyncIterator](), untilCaughtUp));
          expect(offers.map((event) => event.type)).toEqual(['OfferRegistered', 'OfferClosed']);
          expect(typed.map((event) => event.type)).toEqual(['ContractDrafted', 'OfferClosed']);
        } finally {
          await Promise.all([byCategory.close(), byType.close()]);
        }
      });

      it('resumes from a checkpoint with no gap and no duplicate', async () => {
        const stream = unique('action');
        const appended = await store.append(
          stream,
          [0, 1, 2, 3, 4, 5].map((n) => ({ type: 'ProgressReported', data: { n } })),
          by(),
        );
        const [oldest] = await store.readStream(stream, { maxCount: 1 });
        expect(appended.nextExpectedRevision).toBe(5);
        const first = store.subscribeAll({ fromPosition: (oldest?.position ?? 1) - 1 });
        const firstThree = eventsOf(
          await collect(first[Symbol.asyncIterator](), (m) => eventsOf(m).length === 3),
        );
        await first.close();
        const checkpoint = firstThree[2]?.position;

        await store.append(stream, [{ type: 'ProgressReported', data: { n: 6 } }], by());
        const resumed = store.subscribeAll({ fromPosition: checkpoint });
        try {
          const rest = eventsOf(
            await collect(resumed[Symbol.asyncIterator](), (messages) => eventsOf(messages).length === 4),
          );
          const seen = [...firstThree, ...rest].map((event) => (event.data as { n: number }).n);
          expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
        } finally {
          await resumed.close();
        }
      });
    });

    describe('concurrency', () => {
      it('50 concurrent writers: every acknowledged event is read back once, in a stable order, and seen once live', async () => {
        const other = await fixture.openAnother();
        const shared = unique('contract');
        const start = await store.append(unique('meeting'), [{ type: 'MeetingScheduled', data: {} }], by());
        const since = start.position;
        const subscription = store.subscribeAll({ fromPosition: since });
        const iterator = subscription[Symbol.asyncIterator]();
        await collect(iterator, (messages) => messages.some((m) => m.kind === 'caught-up'));

        const acknowledged: string[] = [];
        let conflicts = 0;
        const writer = async (index: number) => {
          const handle = index % 2 === 0 ? store : other;
          for (let round = 0; round < 4; round += 1) {
            const ownStream = `action-writer${index}`;
            const target = round % 2 === 0 ? shared : ownStream;
            const id = randomUUID();
            const options: AppendOptions =
              target === shared && round === 2
                ? // Optimistic writers: read, then append at that revision; conflicts are expected.
                  { ...by(), expectedRevision: (await handle.streamRevision(shared)) ?? 'no_stream' }
                : by();
            try {
              await handle.append(
                target,
                [{ id, type: 'ProgressReported', data: { index, round } }],
                options,
              );
              acknowledged.push(id);
            } catch (error) {
              if (!(error instanceof WrongExpectedRevision)) throw error;
              conflicts += 1;
            }
          }
        };
        await Promise.all(Array.from({ length: 50 }, (_, index) => writer(index)));
        expect(acknowledged.length + conflicts).toBe(200);
        expect(acknowledged.length).toBeGreaterThanOrEqual(150);

        const all = await store.readAll({ fromPosition: since, limit: 10_000 });
        const ids = all.map((event) => event.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort()).toEqual([...acknowledged].sort());
        const positions = all.map((event) => event.position);
        expect(positions.every((position, i) => i === 0 || position > (positions[i - 1] ?? 0))).toBe(true);
        const sharedRevisions = all.filter((event) => event.stream === shared).map((event) => event.revision);
        expect(sharedRevisions).toEqual(sharedRevisions.map((_, i) => i));

        const live = eventsOf(await collect(iterator, (messages) => eventsOf(messages).length >= ids.length));
        await subscription.close();
        expect(live.map((event) => event.id)).toEqual(ids);
        expect(
          (await other.readAll({ fromPosition: since, limit: 10_000 })).map((event) => event.id),
        ).toEqual(ids);
        const verdict = await store.verifyAll();
        expect(verdict).toMatchObject({ ok: true });
        expect(verdict.events).toBeGreaterThanOrEqual(ids.length + 1);
      });
    });

    describe('tamper evidence', () => {
      it('verifies intact chains, then names the first altered event', async () => {
        const stream = unique('convention');
        const neighbour = unique('convention');
        await store.append(neighbour, [{ type: 'ConventionDrafted', data: { parties: ['ARS'] } }], by());
        await store.append(
          stream,
          [
            { type: 'ConventionDrafted', data: { parties: ['CPTS', 'Pays'] } },
            { type: 'ConventionSigned', data: { by: 'CPTS' } },
            { type: 'ConventionSigned', data: { by: 'Pays' } },
          ],
          by(),
        );
        expect(await store.verifyStream(stream)).toEqual({ ok: true, streams: 1, events: 3 });
        const intact = await store.verifyAll();
        expect(intact.ok).toBe(true);
        expect(intact.events).toBeGreaterThanOrEqual(4);

        await fixture.tamper(stream, 1, { by: 'Mairie' });
        const verdict = await store.verifyStream(stream);
        expect(verdict).toMatchObject({ ok: false, brokenLink: { stream, revision: 1 } });
        expect(await store.verifyAll()).toMatchObject({ ok: false, brokenLink: { stream, revision: 1 } });
        expect(await store.verifyStream(neighbour)).toMatchObject({ ok: true });
      });

      it('chains the whole log: the head stands for every event before it, in order', async () => {
        for (const n of [1, 2, 3])
          await store.append(unique('meeting'), [{ type: 'MeetingHeld', data: { n } }], by());
        const earlier = await store.verifyAll();
        if (!earlier.ok || !earlier.head)
          throw new Error(`journal intact attendu : ${JSON.stringify(earlier)}`);
        const events = await store.readAll({ limit: 10_000 });
        let globalHash = GENESIS_HASH;
        const chain = events.map((event) => {
          globalHash = globalEventHash(globalHash, event.position, event.metadata.hash);
          return globalHash;
        });
        expect(earlier.head).toEqual({ position: events.at(-1)?.position, globalHash: chain.at(-1) });
        // Stores that assign positions themselves keep each event's link (KurrentDB does not: see its adapter).
        if (events[0]?.metadata.globalHash !== undefined)
          expect(events.map((event) => event.metadata.globalHash)).toEqual(chain);

        await store.append(unique('meeting'), [{ type: 'MeetingHeld', data: { n: 4 } }], by());
        const later = await store.verifyAll({ knownHeads: [earlier.head] });
        expect(later).toMatchObject({ ok: true, events: events.length + 1 });
        expect(later.ok && later.head?.position).toBeGreaterThan(earlier.head.position);

        const forged = { position: earlier.head.position, globalHash: 'f'.repeat(64) };
        expect(await store.verifyAll({ knownHeads: [earlier.head, forged] })).toMatchObject({
          ok: false,
          brokenLink: {
            position: earlier.head.position,
            reason: expect.stringMatching(/chaîne globale différente de la tête signée/),
          },
        });
        const beyond = {
          position: (later.ok ? (later.head?.position ?? 0) : 0) + 1,
          globalHash: chain[0] ?? '',
        };
        expect(await store.verifyAll({ knownHeads: [beyond] })).toMatchObject({
          ok: false,
          brokenLink: { reason: expect.stringMatching(/s’arrête en position \d+, avant la tête signée/) },
        });
      });
    });

    describe('payloads', () => {
      it('upgrades events stored with an older payload version through the upcasters', async () => {
        const stream = unique('offer');
        const first = await store.append(
          stream,
          [{ type: 'OfferRenamed', version: 1, data: { name: 'MSP de Lodève' } }],
          by(),
        );
        await store.append(
          stream,
          [{ type: 'OfferRenamed', version: 2, data: { label: 'MSP', renamed: true } }],
          by(),
        );
        const events = await store.readStream(stream);
        expect(events.map((event) => [event.version, event.data])).toEqual([
          [2, { label: 'MSP de Lodève', renamed: true }],
          [2, { label: 'MSP', renamed: true }],
        ]);
        expect(
          (await store.readAll({ fromPosition: first.position - 1 })).map((event) => event.version),
        ).toEqual([2, 2]);
        expect(
          (await store.readForProjections({ fromPosition: first.position - 1 })).map((event) => [
            event.version,
            event.data,
          ]),
        ).toEqual([
          [2, { label: 'MSP de Lodève', renamed: true }],
          [2, { label: 'MSP', renamed: true }],
        ]);
        expect(await store.verifyStream(stream)).toMatchObject({ ok: true });
      });

      it('round-trips large payloads and unicode unchanged', async () => {
        const stream = unique('contract');
        const data = {
          titre: 'Contrat Local de Santé du Pays Cœur d’Hérault — « santé mentale » 🩺🏥',
          accents: 'àâäçéèêëîïôöùûüÿœæ ÀÉÈÇ',
          emoji: '👩‍⚕️🇫🇷',
          nul: 'avant\u0000après',
          nombres: [0, -1, 1.5, 1e21, 2 ** 53 - 1, -0.000001],
          vide: {},
          annexe: 'x'.repeat(120_000), // large, within MAX_EVENT_BYTES
          fiches: Array.from({ length: 2000 }, (_, i) => ({ numero: i, intitule: `Fiche-action n°${i}` })),
        };
        await store.append(stream, [{ type: 'ContractDrafted', data }], by());
        const [event] = await store.readStream(stream);
        expect(event?.data).toEqual(data);
        expect(await store.verifyStream(stream)).toMatchObject({ ok: true });
      });

      it('rejects a payload that is not JSON, naming where, and appends nothing', async () => {
        const stream = unique('action');
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        const bad: Array<[unknown, RegExp]> = [
          [{ amount: 10n }, /data\.amount.*bigint/],
          [{ on: new Date('2025-01-01') }, /data\.on.*Date/],
          [{ ratio: Number.NaN }, /data\.ratio.*non fini/],
          [{ callback: () => 1 }, /data\.callback.*function/],
          [{ set: new Map() }, /data\.set.*Map/],
          [{ list: [1, undefined] }, /data\.list\[1\]/],
          [cyclic, /circulaire/],
        ];
        for (const [data, message] of bad) {
          const error = await store
            .append(stream, [{ type: 'X', data }], by())
            .catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(InvalidEventPayload);
          expect(String((error as Error).message)).toMatch(message);
        }
        expect(await store.streamRevision(stream)).toBeUndefined();
      });

      it('refuses an event above MAX_EVENT_BYTES, and stores none of its batch', async () => {
        const stream = unique('action');
        const fits = { text: 'é'.repeat(MAX_EVENT_BYTES / 2 - 20) };
        const tooLarge = { text: 'é'.repeat(MAX_EVENT_BYTES / 2) };
        const error = await store
          .append(
            stream,
            [
              { type: 'Fits', data: fits },
              { type: 'TooLarge', data: tooLarge },
            ],
            by(),
          )
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(InvalidEventPayload);
        expect(String((error as Error).message)).toMatch(/events\[1\]\.data.*256 Kio/);
        expect(await store.streamRevision(stream)).toBeUndefined();
        await store.append(stream, [{ type: 'Fits', data: fits }], by());
        expect(await store.streamRevision(stream)).toBe(0);
      });
    });
  });
}
