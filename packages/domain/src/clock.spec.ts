import { describe, expect, it } from 'vitest';
import { businessDay } from './clock.js';

describe('businessDay', () => {
  it('is already the next day at 00:30 in Paris, when UTC still says the day before', () => {
    // 2026-03-15 00:30 in Paris (winter time, UTC+1) is 2026-03-14 23:30 UTC.
    const at = new Date('2026-03-14T23:30:00Z');
    expect(at.toISOString().slice(0, 10)).toBe('2026-03-14');
    expect(businessDay(at)).toBe('2026-03-15');
  });

  it('follows summer time (UTC+2)', () => {
    expect(businessDay(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
    expect(businessDay(new Date('2026-07-01T21:30:00Z'))).toBe('2026-07-01');
  });
});
