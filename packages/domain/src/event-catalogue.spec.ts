import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ActionStarted } from './action/events.js';
import { ACTION_EVENT_TYPES } from './action/events.js';
import { ALL_EVENT_TYPES, contractNamedBy, EVENT_TYPES_OF_CATEGORY, isEventOf } from './event-catalogue.js';
import { PERSONAL_DATA_OF_EVENT } from './personal-data.js';

/** An event as the log gives it back: any type, any data. */
interface Stored {
  type: string;
  data: unknown;
  position: number;
}

describe('the event catalogue', () => {
  it('names every type once', () => {
    expect(new Set(ALL_EVENT_TYPES).size).toBe(ALL_EVENT_TYPES.length);
    expect(ALL_EVENT_TYPES).toHaveLength(
      Object.values(EVENT_TYPES_OF_CATEGORY).reduce((sum, types) => sum + types.length, 0),
    );
  });

  it('knows every event that carries personal data', () => {
    for (const type of Object.keys(PERSONAL_DATA_OF_EVENT)) expect(ALL_EVENT_TYPES).toContain(type);
  });

  it('types an event of a listed type, and no other', () => {
    const stored: Stored = {
      type: 'ActionStarted',
      data: { actionId: 'a1', startedOn: '2025-01-15' },
      position: 7,
    };
    expect(isEventOf(stored, ACTION_EVENT_TYPES)).toBe(true);
    expect(isEventOf(stored, EVENT_TYPES_OF_CATEGORY.contract)).toBe(false);
    expect(isEventOf({ ...stored, type: 'ActionStartedV9' }, ACTION_EVENT_TYPES)).toBe(false);
    if (isEventOf(stored, ['ActionStarted'])) {
      // The envelope keeps its own fields; the data is the type's payload.
      expectTypeOf(stored.data).toEqualTypeOf<ActionStarted['data']>();
      expectTypeOf(stored.position).toEqualTypeOf<number>();
      expect(stored.data.startedOn).toBe('2025-01-15');
    }
  });
});

describe('the contract an event names', () => {
  it('is the contract of its stream, when the event names one', () => {
    expect(contractNamedBy({ type: 'AxisDefined', data: { contractId: 'cls-a', code: '1' } })).toBe('cls-a');
    expect(contractNamedBy({ type: 'ActionPlanned', data: { actionId: 'x', contractId: 'cls-a' } })).toBe(
      'cls-a',
    );
    expect(contractNamedBy({ type: 'ConventionDrafted', data: { conventionId: 'x' } })).toBeUndefined();
    // Its later events name their action, not the contract.
    expect(
      contractNamedBy({ type: 'ActionStarted', data: { actionId: 'x', contractId: 'cls-a' } }),
    ).toBeUndefined();
    expect(
      contractNamedBy({ type: 'OfferRegistered', data: { offerId: 'o', contractId: 'cls-a' } }),
    ).toBeUndefined();
  });
});
