import { describe, expect, it } from 'vitest';
import { ReportRateLimit } from './report-rate-limit.js';

describe('the reports’ limit per address', () => {
  it('refuses the sixth report of an hour with when to come back, per address, then lets one through', () => {
    let now = Date.UTC(2026, 11, 3, 10, 0, 0);
    const limit = new ReportRateLimit(5, () => now);
    for (let n = 0; n < 5; n += 1) {
      expect(limit.spend('203.0.113.7')).toBeUndefined();
      now += 60_000;
    }
    expect(limit.spend('203.0.113.7')).toEqual({
      message: 'Au plus 5 signalements par heure depuis une même adresse : réessayez plus tard',
      retryAfterSeconds: 3600 - 5 * 60,
    });
    expect(limit.spend('198.51.100.2')).toBeUndefined();
    now = Date.UTC(2026, 11, 3, 11, 0, 1);
    expect(limit.spend('203.0.113.7')).toBeUndefined();
    expect(limit.spend('203.0.113.7')).toBeDefined();
  });
});
