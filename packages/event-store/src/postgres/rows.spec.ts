import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './rows.js';

describe('isoTimestamp', () => {
  it('writes a UTC timestamp as Date#toISOString does, to the millisecond', () => {
    expect(isoTimestamp('2026-12-04 03:17:17')).toBe('2026-12-04T03:17:17.000Z');
    expect(isoTimestamp('2026-12-04 03:17:17.1')).toBe('2026-12-04T03:17:17.100Z');
    expect(isoTimestamp('2026-12-04 03:17:17.12')).toBe('2026-12-04T03:17:17.120Z');
    expect(isoTimestamp('2026-12-04 03:17:17.123')).toBe('2026-12-04T03:17:17.123Z');
    // Digits past the millisecond are dropped, as a Date drops them.
    expect(isoTimestamp('2026-12-04 03:17:17.123999')).toBe('2026-12-04T03:17:17.123Z');
    expect(isoTimestamp('0999-01-02 00:00:00')).toBe(new Date('0999-01-02T00:00:00Z').toISOString());
  });

  it('falls back on a Date for what the fast path does not read: years past 9999, before Christ', () => {
    expect(isoTimestamp('10000-01-01 00:00:00')).toBe('+010000-01-01T00:00:00.000Z');
    expect(isoTimestamp('0044-03-15 12:00:00 BC')).toBe(new Date(Date.UTC(-43, 2, 15, 12)).toISOString());
    expect(isoTimestamp('12345-06-07 08:09:10.5')).toBe('+012345-06-07T08:09:10.500Z');
    expect(isoTimestamp('0001-01-01 00:00:00 BC')).toBe('0000-01-01T00:00:00.000Z');
  });

  it('refuses what is no timestamp, rather than a date of another day', () => {
    expect(() => isoTimestamp('infinity')).toThrow(RangeError);
  });
});
