import { describe, expect, it } from 'vitest';
import { positionOfCommand, replay } from '../test/replay.js';
import { unlinkedOffer } from '../test/scenario.js';
import { offersAsOf } from './offers-as-of.js';

describe('offersAsOf', () => {
  const log = replay(unlinkedOffer, { recordedAt: '2024-05-02T08:00:00.000Z' });
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
