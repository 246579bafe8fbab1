import { fold, OFFER_EVENT_TYPES, offerDecider } from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { positionOfCommand, replay } from '../test/replay.js';
import { demoLog, unlinkedOffer } from '../test/scenario.js';
import { domainEvents } from './domain-events.js';
import { heldAtEndOf, OfferHistory, offerStreams, offersAsOf } from './offers-as-of.js';
import { compareCodes } from './ordering.js';
import { endOfDay, eventTime, type TimeAxis } from './time-axis.js';

const unlinked = await replay(unlinkedOffer, { recordedAt: '2024-05-02T08:00:00.000Z' });
const demo = await demoLog();

describe('offersAsOf', () => {
  const log = unlinked;
  const cmp = (date: string, time: 'occurred' | 'recorded') =>
    offersAsOf(log, date, time).find((offer) => offer.offerId === 'test-cmp-clermont');

  it('has no offer before its registration', () => {
    expect(offersAsOf(log, '2024-04-30', 'occurred')).toEqual([]);
    expect(cmp('2024-05-01', 'occurred')).toMatchObject({
      kind: 'cmp',
      kindLabel: 'Centre médico-psychologique',
    });
  });

  it('gives the details as they were on the day', () => {
    expect(cmp('2025-01-05', 'occurred')).toMatchObject({ phone: null, verifiedOn: '2024-05-01' });
    expect(cmp('2025-03-01', 'occurred')).toMatchObject({ phone: '0467000000', verifiedOn: '2025-01-06' });
    expect(cmp('2025-03-01', 'occurred')?.evidence).toEqual([
      positionOfCommand(log, 'offer-cmp:register'),
      positionOfCommand(log, 'offer-cmp:update'),
    ]);
  });

  it('drops the offer from the day it closed, and keeps it on the record clock until the closing was recorded', () => {
    expect(cmp('2025-06-29', 'occurred')).toBeDefined();
    expect(cmp('2025-06-30', 'occurred')).toBeUndefined();
    // Closed on 30 June, recorded on 15 July: on 1 July the directory still showed it.
    expect(cmp('2025-07-01', 'recorded')).toBeDefined();
    expect(cmp('2025-07-15', 'recorded')).toBeUndefined();
  });
});

describe('OfferHistory', () => {
  const log = demo ?? unlinked;

  /** The definition, folded anew for one day: which events of each offer count, by position. */
  function foldedOn(date: string, time: TimeAxis): Array<[string, number[]]> {
    const limit = endOfDay(date);
    const answer: Array<[string, number[]]> = [];
    for (const [stream, events] of offerStreams(log)) {
      const all = [...events].sort((a, b) => a.revision - b.revision);
      const view = all.filter((event) => eventTime(event, time) <= limit);
      if (view.length === 0) continue;
      if (view[0] !== all[0]) view.unshift(all[0] as RecordedEvent);
      const state = fold(offerDecider, domainEvents(view, OFFER_EVENT_TYPES));
      if (!state.exists || !state.details || (state.closedOn !== undefined && state.closedOn <= date))
        continue;
      answer.push([stream.slice('offer-'.length), view.map((event) => event.position).sort((a, b) => a - b)]);
    }
    return answer.sort(([a], [b]) => compareCodes(a, b));
  }

  it('answers every day from one fold as a fold of that day would, on both clocks', () => {
    for (const time of ['occurred', 'recorded'] as const) {
      const history = new OfferHistory(time);
      for (const [stream, events] of offerStreams(log)) history.addStream(stream, events);
      for (const date of [
        '1990-01-01',
        '2019-06-30',
        '2024-05-01',
        '2024-05-02',
        '2025-01-05',
        '2025-01-06',
        '2025-06-29',
        '2025-06-30',
        '2025-07-15',
        '2026-12-31',
      ]) {
        const answered = history.at(date).map((offer): [string, number[]] => [offer.offerId, offer.evidence]);
        expect(answered, `${time} ${date}`).toEqual(foldedOn(date, time));
        // Each offer's versions: the one a day's end sees is the offer that day.
        const held = answered.flatMap(([offerId]) =>
          history
            .versionsOf(offerId)
            .filter((version) => heldAtEndOf(version, endOfDay(date)))
            .map(({ offer }): [string, number[]] => [offer.offerId, offer.evidence]),
        );
        const open = new Set(answered.map(([offerId]) => offerId));
        const heldByOthers = [...offerStreams(log).keys()]
          .map((stream) => stream.slice('offer-'.length))
          .filter((offerId) => !open.has(offerId))
          .flatMap((offerId) =>
            history.versionsOf(offerId).filter((version) => heldAtEndOf(version, endOfDay(date))),
          );
        expect(heldByOthers, `versions of closed offers ${time} ${date}`).toEqual([]);
        expect(held, `versions ${time} ${date}`).toEqual(answered);
      }
    }
  });

  it('answers the same, in code order, when offers are added or folded again after a first answer', () => {
    // The log's offers twelve times over, numbered so that code order is not text order (2 < 10).
    const streams = Array.from({ length: 12 }, (_, n) =>
      [...offerStreams(log)].map(([stream, events]): [string, RecordedEvent[]] => [
        `${stream}-${n + 1}`,
        events.map((event) => ({ ...event, stream: `${stream}-${n + 1}` })),
      ]),
    ).flat();
    const whole = new OfferHistory('occurred');
    for (const [stream, events] of streams) whole.addStream(stream, events);
    const growing = new OfferHistory('occurred');
    const half = Math.ceil(streams.length / 2);
    for (const [stream, events] of streams.slice(0, half)) growing.addStream(stream, events);
    growing.at('2026-12-31'); // the order is set here, then set again once new offers come
    for (const [stream, events] of streams.slice(half).reverse()) growing.addStream(stream, events);
    const [again, againEvents] = streams[0] as [string, RecordedEvent[]];
    growing.addStream(again, againEvents);
    const versions = (history: OfferHistory) =>
      streams.map(([stream]) => history.versionsOf(stream.slice('offer-'.length)));
    expect(versions(whole).flat().length).toBeGreaterThan(12);
    expect(versions(growing)).toEqual(versions(whole));
    for (const date of ['2024-05-01', '2025-06-30', '2026-12-31']) {
      expect(growing.at(date), date).toEqual(whole.at(date));
    }
  });
});
